# 1024x1024 float64 matmul; prints the best and median of the timed runs.
# The thread count comes from OMP_NUM_THREADS (mini, OpenBLAS) set by numpy_bench.py.
import time
import numpy as np

n = 1024
np.random.seed(0)
a = np.random.rand(n, n)
b = np.random.rand(n, n)
c = a @ b  # warm-up: thread pool, packing buffers
times = []
for _ in range(7):
    t0 = time.perf_counter()
    c = a @ b
    times.append(time.perf_counter() - t0)
times.sort()
print("best", times[0], "median", times[len(times) // 2])
