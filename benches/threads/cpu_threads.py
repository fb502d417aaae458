# Two CPU-bound jobs, run one after the other ("seq") or as two threads
# ("threads"); prints the checksum and the elapsed time of the work only.
# Valid Python: the same file runs under CPython and mini.
import sys, threading, time

def spin(n):
    x = 0
    for i in range(n):
        x += i % 7
    return x

N = 2000000
mode = sys.argv[1] if len(sys.argv) > 1 else "seq"
results = [0, 0]
def job(k):
    results[k] = spin(N)
start = time.perf_counter()
if mode == "seq":
    job(0)
    job(1)
else:
    ts = [threading.Thread(target=job, args=(k,)) for k in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
elapsed = time.perf_counter() - start
print(sum(results))
print(f"elapsed {elapsed:.6f}")
