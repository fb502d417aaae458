# mini only: two Python threads each multiplying 768x768 matrices (one BLAS
# thread each), with the GIL released (as NumPy does) and kept
# (release_gil=False). Prints both times and their ratio (target <= 0.6 on
# 2 cores).
import threading, time
import numpy as np

np.set_num_threads(1)
a = np.random.rand(768, 768)
b = np.random.rand(768, 768)

def run(release):
    def work():
        for _ in range(3):
            np.dot(a, b, release_gil=release)
    ts = [threading.Thread(target=work) for _ in range(2)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0

run(True)
best = {True: 1e9, False: 1e9}
for _ in range(3):
    for release in (True, False):
        best[release] = min(best[release], run(release))
print(f"released {best[True]:.3f} s, kept {best[False]:.3f} s, ratio {best[True] / best[False]:.2f}")
