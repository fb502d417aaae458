# A compute-bound kernel: the Mandelbrot set on a 1000x1000 grid, rows in
# parallel. Same file under mini and CPython + Numba; the team size comes
# from NUMBA_NUM_THREADS / OMP_NUM_THREADS (or mini --threads).
import time
import numpy as np
from numba import njit, prange

@njit
def escape(cr, ci, max_iter):
    zr = 0.0
    zi = 0.0
    for k in range(max_iter):
        zr2 = zr * zr
        zi2 = zi * zi
        if zr2 + zi2 > 4.0:
            return k
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
    return max_iter

@njit(parallel=True)
def mandelbrot(n, max_iter):
    out = np.zeros((n, n), dtype=np.int64)
    for i in prange(n):
        ci = -1.5 + 3.0 * i / n
        for j in range(n):
            cr = -2.0 + 3.0 * j / n
            out[i, j] = escape(cr, ci, max_iter)
    return out

mandelbrot(10, 10)                  # compile outside the timing
t0 = time.perf_counter()
img = mandelbrot(1000, 50)
t1 = time.perf_counter()
print("mandelbrot_ms", (t1 - t0) * 1e3, img.sum())
