#!/usr/bin/env python3
"""The GIL's benchmarks (issue 5), side by side in one run.

    python3 benches/gil_bench.py [--runs N] [--mini PATH]

1. Two CPU-bound threads vs the same two jobs in sequence
   (benches/threads/cpu_threads.py): time(threads) / time(sequential) under
   CPython, mini --gil=on, --gil=legacy and --gil=off (targets: on <= 1.05;
   off a speedup >= 1.8x on 2 free cores). Seq and threads runs alternate;
   medians of N runs each. The programs time only their work.
2. Single-thread speed with the GIL on vs off (benches/programs/fib, loop,
   nbody): median user time, ratio on/off (target within 2 %).
3. The mean forced hold time at switch intervals of 1, 5 and 20 ms
   (benches/threads/forced_hold.py; target within +-20 % of the interval).
4. The cost of tracing: the two-thread run of 1. with and without
   --trace (target <= 5 %).

Standard library only; run on demand on a quiet machine (the load average
is printed: other work on the box distorts every figure).
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_out(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr}")
    return p.stdout


def field(out, name):
    for line in out.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    sys.exit(f"no '{name}' in output:\n{out}")


def user_time(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    run_out(cmd)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--mini", default=os.path.join(ROOT, "target", "release", "mini"))
    ap.add_argument("--python", default="python3")
    args = ap.parse_args()
    if not os.path.exists(args.mini):
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    print(f"load average at start: {os.getloadavg()[0]:.2f}; cores: {os.cpu_count()}")

    cpu = os.path.join(HERE, "threads", "cpu_threads.py")
    configs = [("CPython 3.11", [args.python])] + [
        (f"mini --gil={m}", [args.mini, f"--gil={m}"]) for m in ("on", "legacy", "off")]
    print("\n1. two CPU-bound threads vs sequential (medians of %d)" % args.runs)
    print(f"{'interpreter':<18} {'sequential s':>12} {'2 threads s':>12} {'threads/seq':>12}")
    for name, cmd in configs:
        seq, par = [], []
        check = None
        for _ in range(args.runs):
            for mode, acc in (("seq", seq), ("threads", par)):
                out = run_out(cmd + [cpu, mode])
                total = out.splitlines()[0]
                if check is None:
                    check = total
                elif total != check:
                    sys.exit(f"{name}: results differ ({total} vs {check})")
                acc.append(field(out, "elapsed"))
        s, p = statistics.median(seq), statistics.median(par)
        print(f"{name:<18} {s:12.3f} {p:12.3f} {p / s:12.3f}")

    print("\n2. single-thread speed, --gil=on vs --gil=off (median user time of %d)" % args.runs)
    print(f"{'program':<10} {'on s':>8} {'off s':>8} {'on/off':>8}")
    for prog in ("fib", "loop", "nbody"):
        path = os.path.join(HERE, "programs", prog + ".py")
        on, off = [], []
        for _ in range(args.runs):
            on.append(user_time([args.mini, "--gil=on", path]))
            off.append(user_time([args.mini, "--gil=off", path]))
        a, b = statistics.median(on), statistics.median(off)
        print(f"{prog:<10} {a:8.3f} {b:8.3f} {a / b:8.3f}")

    print("\n3. mean forced hold time vs the switch interval (median of %d)" % args.runs)
    hold = os.path.join(HERE, "threads", "forced_hold.py")
    print(f"{'interval ms':>11} {'mean hold ms':>13} {'hold/interval':>14} {'forced drops':>13}")
    for interval in (0.001, 0.005, 0.020):
        holds, drops = [], []
        for _ in range(args.runs):
            out = run_out([args.mini, f"--switch-interval={interval}", hold])
            holds.append(field(out, "mean_hold"))
            drops.append(field(out, "forced"))
        h = statistics.median(holds)
        print(f"{interval * 1e3:11.0f} {h * 1e3:13.2f} {h / interval:14.2f} "
              f"{statistics.median(drops):13.0f}")
    print("\n4. tracing overhead on the two-thread contention run (medians of %d)" % args.runs)
    trace_file = os.path.join(ROOT, "target", "gil_bench_trace.json")
    for mode in ("on", "legacy"):
        plain, traced = [], []
        for _ in range(args.runs):
            plain.append(field(run_out([args.mini, f"--gil={mode}", cpu, "threads"]), "elapsed"))
            traced.append(field(run_out([args.mini, f"--gil={mode}", "--trace", trace_file,
                                         cpu, "threads"]), "elapsed"))
        a, b = statistics.median(plain), statistics.median(traced)
        print(f"--gil={mode:<7} untraced {a:.3f} s, traced {b:.3f} s, overhead {100 * (b / a - 1):+.1f} %")
    print(f"\nload average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
