#!/usr/bin/env python3
"""mini's GIL-free kernels vs the same loops as bytecode, and vs Numba.

    python3 benches/kernels_bench.py [--mini PATH] [--python PYTHON_WITH_NUMBA] [--runs N]

Runs the programs of benches/kernels/ (plain Python + Numba files that mini
also runs) and prints medians of --runs runs (default 3):
  * sumsq.py: sum of squares over 2*10**7 float64 with prange —
    mini's kernel, the same function as mini bytecode (`py_func`, one run:
    it takes seconds) and Numba's kernel; the ratio bytecode/kernel is the
    issue's "at least 20x" target;
  * mandelbrot.py: 1000x1000, max 50 iterations, rows in prange — mini and
    Numba at 1 and 2 threads (NUMBA_NUM_THREADS / OMP_NUM_THREADS), and the
    2-vs-1 thread speedup (target >= 1.8x on an idle 2-core machine).
The timed parts are measured inside the programs (time.perf_counter) after
a warm-up call, so start-up and compilation are excluded. Without a Python
that can `import numba` the Numba columns are skipped (loudly).
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROGS = os.path.join(HERE, "kernels")


def run(cmd, prog, threads=None, extra=()):
    env = dict(os.environ)
    if threads is not None:
        env["OMP_NUM_THREADS"] = str(threads)
        env["NUMBA_NUM_THREADS"] = str(threads)
    p = subprocess.run(cmd + [os.path.join(PROGS, prog), *extra], capture_output=True,
                       text=True, env=env)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} {prog} failed ({p.returncode}):\n{p.stderr}")
    figures = {}
    for line in p.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].endswith("_ms"):
            figures[parts[0]] = float(parts[1])
    return figures


def median(cmd, prog, key, runs, threads=None, extra=()):
    return statistics.median(run(cmd, prog, threads, extra)[key] for _ in range(runs))


def has_numba(python):
    if not python:
        return False
    try:
        return subprocess.run([python, "-c", "import numba"], capture_output=True).returncode == 0
    except OSError:
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mini", default=os.path.join(ROOT, "target", "release", "mini"))
    ap.add_argument("--python", default=None, help="a Python that can import numba")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    mini = [args.mini]
    python = args.python or sys.executable
    numba = has_numba(python)
    if not numba:
        print(f"!! {python} cannot import numba: Numba columns skipped "
              "(python3 -m venv /tmp/nb && /tmp/nb/bin/pip install numba; --python /tmp/nb/bin/python)")
    print(f"machine: {os.cpu_count()} cores; medians of {args.runs} runs; times in ms\n")

    kernel = median(mini, "sumsq.py", "kernel_ms", args.runs)
    bytecode = run(mini, "sumsq.py", extra=("--bytecode",))["bytecode_ms"]
    print("sum of squares, 2e7 float64, prange (all cores)")
    print(f"  mini kernel          {kernel:10.1f}")
    print(f"  mini bytecode        {bytecode:10.1f}   kernel speedup {bytecode / kernel:6.1f}x (target >= 20x)")
    if numba:
        nb = median([python], "sumsq.py", "kernel_ms", args.runs)
        print(f"  Numba                {nb:10.1f}   mini/Numba {kernel / nb:6.2f}")

    print("\nmandelbrot 1000x1000, max_iter 50, prange over rows")
    rows = [("mini", mini)] + ([("Numba", [python])] if numba else [])
    for name, cmd in rows:
        t1 = median(cmd, "mandelbrot.py", "mandelbrot_ms", args.runs, threads=1)
        t2 = median(cmd, "mandelbrot.py", "mandelbrot_ms", args.runs, threads=2)
        print(f"  {name:6s} 1 thread {t1:9.1f}   2 threads {t2:9.1f}   speedup {t1 / t2:5.2f}x (target >= 1.8x)")


if __name__ == "__main__":
    main()
