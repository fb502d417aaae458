# a * b + c on 10**7 float64 elements (two temporaries, as NumPy makes them).
import time
import numpy as np

n = 10**7
a = np.arange(n) * 1e-7
b = np.ones(n) * 0.5
c = np.arange(n) * 2e-7
d = a * b + c  # warm-up
times = []
for _ in range(7):
    t0 = time.perf_counter()
    d = a * b + c
    times.append(time.perf_counter() - t0)
times.sort()
print("best", times[0], "median", times[len(times) // 2])
