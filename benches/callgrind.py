#!/usr/bin/env python3
"""Instruction counts of the benchmark programs under callgrind, for one or two builds.

    python3 benches/callgrind.py [--mini PATH] [--base PATH] [--filter NAME] [--json FILE]

Runs every program in benches/programs/ (and the kernel and thread programs
named below) once under `valgrind --tool=callgrind` and prints the number of
instructions each run executed. With --base, runs the same programs under a
second binary and prints the change in per cent: the check a structural change
must pass ("callgrind instruction counts within 2 % per program"). Instruction
counts do not depend on machine load, so this is the reproducible companion of
run.py's wall times. Without --mini, builds with `cargo build --release`.

Standard library only; needs valgrind. Runs on demand, not in CI.
"""

import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ORDER = ["fib", "loop", "nbody", "spectral_norm", "wordcount", "sieve_sort",
         "list_methods", "closures", "float_list_memory"]
# Programs outside benches/programs/: (name, path relative to benches/, extra mini args).
EXTRA = [
    ("kernels/sumsq", "kernels/sumsq.py", []),
    ("numpy/axpy", "numpy/axpy.py", []),
]
COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def programs(filters):
    names = sorted(f[:-3] for f in os.listdir(os.path.join(HERE, "programs")) if f.endswith(".py"))
    names.sort(key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    found = [(n, os.path.join(HERE, "programs", n + ".py"), []) for n in names]
    found += [(n, os.path.join(HERE, p), a) for n, p, a in EXTRA]
    if filters:
        found = [p for p in found if any(f in p[0] for f in filters)]
    return found


def count(mini, path, args):
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", mini, *args, path]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    m = COLLECTED.search(proc.stderr)
    if proc.returncode != 0 or not m:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        raise RuntimeError(f"{path}: exit {proc.returncode}: {last}")
    return int(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mini", help="the binary to measure (default: build target/release/mini)")
    ap.add_argument("--base", help="a second binary to compare with (before a change)")
    ap.add_argument("--filter", action="append", default=[], help="only programs whose name contains this")
    ap.add_argument("--json", help="also write the counts to this file")
    opts = ap.parse_args()
    mini = opts.mini
    if not mini:
        if subprocess.run(["cargo", "build", "--release"], cwd=ROOT).returncode != 0:
            sys.exit("callgrind.py: cargo build --release failed")
        mini = os.path.join(os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "release", "mini")
    rows = {}
    header = f"{'program':<22}{'mini Minstr':>14}"
    if opts.base:
        header += f"{'base Minstr':>14}{'change':>9}"
    print(header)
    for name, path, args in programs(opts.filter):
        try:
            new = count(mini, path, args)
            old = count(opts.base, path, args) if opts.base else None
        except RuntimeError as e:
            print(f"{name:<22}FAIL {e}")
            continue
        rows[name] = {"mini": new, "base": old}
        line = f"{name:<22}{new / 1e6:>14.1f}"
        if old:
            line += f"{old / 1e6:>14.1f}{(new - old) / old * 100:>+8.2f}%"
        print(line, flush=True)
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
