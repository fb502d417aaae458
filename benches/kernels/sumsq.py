# Sum of squares over 2*10**7 float64 with prange: the same file runs under
# mini and under CPython + Numba. Prints "name ms" lines (timed part only).
#   --bytecode: also time the same function un-jitted (`f.py_func`), i.e.
#   the loop as interpreted bytecode.
import sys
import time
import numpy as np
from numba import njit, prange

@njit(parallel=True)
def sumsq(A):
    s = 0.0
    for i in prange(A.shape[0]):
        s += A[i] * A[i]
    return s

N = 20_000_000
A = np.arange(N, dtype=np.float64) / N
sumsq(A[:100])                      # compile outside the timing
t0 = time.perf_counter()
r = sumsq(A)
t1 = time.perf_counter()
print("kernel_ms", (t1 - t0) * 1e3, r)
if "--bytecode" in sys.argv:
    t0 = time.perf_counter()
    r2 = sumsq.py_func(A)
    t1 = time.perf_counter()
    print("bytecode_ms", (t1 - t0) * 1e3, r2)
