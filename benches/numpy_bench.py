#!/usr/bin/env python3
"""mini's numpy vs NumPy (+OpenBLAS), side by side, same source files.

    python3 benches/numpy_bench.py [--mini PATH] [--python PYTHON_WITH_NUMPY] [--runs N]

Runs each program of benches/numpy/ under mini and under a Python with NumPy,
alternately, --runs times (default 3), and prints medians:
  * matmul 1024x1024 float64 at 1 thread and at all cores (GFLOPS; the thread
    count is set through OMP_NUM_THREADS / OPENBLAS_NUM_THREADS for both);
  * a*b+c on 10**7 float64 elements (ms);
  * peak RSS of a process holding one 10**7-element float64 array, and the
    same minus a baseline process (≈ the array's own cost; 80 MB expected).
The timed parts are measured inside the programs (time.perf_counter), so
start-up and data creation are excluded. Needs only the standard library.
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROGS = os.path.join(HERE, "numpy")


def run(cmd, prog, threads=None):
    """(stdout, peak RSS in MB) of one run."""
    env = dict(os.environ)
    if threads is not None:
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = str(threads)
    p = subprocess.Popen(cmd + [os.path.join(PROGS, prog)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=env, text=True)
    out, err = p.communicate()
    # communicate() reaped the child; its rusage is in RUSAGE_CHILDREN, but
    # that is a maximum over all children so far: use wait4 via a fresh fork
    # instead for RSS programs (see rss()).
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} {prog} failed ({p.returncode}):\n{err}")
    return out


def rss(cmd, prog):
    """Peak RSS (MB) of one run, from wait4's rusage of that child alone."""
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            os.execvp(cmd[0], cmd + [os.path.join(PROGS, prog)])
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    if status != 0:
        sys.exit(f"{cmd[0]} {prog} failed (status {status})")
    return usage.ru_maxrss / 1024.0


def timing(out):
    words = out.split()
    return float(words[words.index("median") + 1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mini", default=os.path.join(ROOT, "target", "release", "mini"))
    ap.add_argument("--python", default="python3", help="a Python with NumPy installed")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    mini, py = [args.mini], [args.python]
    cores = os.cpu_count() or 1
    ver = subprocess.run(py + ["-c", "import numpy; print(numpy.__version__)"],
                         capture_output=True, text=True)
    if ver.returncode != 0:
        sys.exit(f"{args.python} cannot import numpy")
    print(f"NumPy {ver.stdout.strip()} ({args.python}) vs mini ({args.mini}); {cores} cores; "
          f"{args.runs} runs each, medians")
    rows = []
    flops = 2.0 * 1024 ** 3
    for threads in sorted({1, cores}):
        t_np, t_mini = [], []
        for _ in range(args.runs):
            t_np.append(timing(run(py, "matmul.py", threads)))
            t_mini.append(timing(run(mini, "matmul.py", threads)))
        g_np = flops / statistics.median(t_np) / 1e9
        g_mini = flops / statistics.median(t_mini) / 1e9
        rows.append((f"matmul 1024² f64, {threads} thread(s)", f"{g_np:.1f} GFLOPS",
                     f"{g_mini:.1f} GFLOPS", g_mini / g_np))
    t_np, t_mini = [], []
    for _ in range(args.runs):
        t_np.append(timing(run(py, "axpy.py", cores)))
        t_mini.append(timing(run(mini, "axpy.py", cores)))
    m_np, m_mini = statistics.median(t_np) * 1e3, statistics.median(t_mini) * 1e3
    rows.append(("a*b+c, 10**7 f64", f"{m_np:.1f} ms", f"{m_mini:.1f} ms", m_np / m_mini))
    r = {}
    for who, cmd in (("numpy", py), ("mini", mini)):
        base = statistics.median(rss(cmd, "rss_baseline.py") for _ in range(args.runs))
        peak = statistics.median(rss(cmd, "rss_array.py") for _ in range(args.runs))
        r[who] = (peak, peak - base)
    rows.append(("peak RSS, one 10**7 f64 array", f"{r['numpy'][0]:.0f} MB",
                 f"{r['mini'][0]:.0f} MB", r["numpy"][0] / r["mini"][0]))
    rows.append(("  minus baseline (the array)", f"{r['numpy'][1]:.0f} MB",
                 f"{r['mini'][1]:.0f} MB", r["numpy"][1] / max(r["mini"][1], 1e-9)))
    w = max(len(x[0]) for x in rows)
    print(f"{'benchmark':<{w}}  {'NumPy':>14}  {'mini':>14}  mini/NumPy speed (≥0.8 target)")
    for name, a, b, ratio in rows:
        print(f"{name:<{w}}  {a:>14}  {b:>14}  {ratio:.2f}x")


if __name__ == "__main__":
    main()
