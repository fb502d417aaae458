# mini only: two CPU-bound threads under the GIL; prints the mean forced
# hold time (how long a thread held the GIL before a requested drop).
import threading, gil

def spin(n):
    x = 0
    for i in range(n):
        x += i % 7
    return x

gil.reset_stats()
ts = [threading.Thread(target=spin, args=(4000000,)) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
st = gil.stats()
workers = [t for t in st["threads"] if t["name"] != "MainThread"]
forced = sum(t["forced_drops"] for t in workers)
held = sum(t["forced_held_s"] for t in workers)
print(f"forced {forced}")
print(f"mean_hold {held / forced if forced else 0.0:.6f}")
print(f"interval {st['interval_s']:.6f}")
