#!/usr/bin/env python3
"""mini's benchmark suite: each program in benches/programs/ under mini and CPython.

    python3 benches/run.py [--runs N] [--filter NAME] [--mini PATH] [--json FILE]

Builds mini with `cargo build --release` (unless --mini is given), then for each
program runs mini and CPython alternately, N times each (default 5), after one
untimed check run of each. Every run's stdout must be identical to CPython's;
a program whose output differs is reported as MISMATCH (with the first differing
line) and one that fails under mini as FAIL, instead of a time. Prints the
machine, a table of medians and peak RSS with ratios (mini / CPython: below 1
means mini is faster / smaller), and how many programs mini wins.

Standard library only; runs on demand, not in CI. See benches/README.md.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROGRAMS = os.path.join(HERE, "programs")
# Table order; any other programs/*.py follow alphabetically.
ORDER = ["fib", "loop", "nbody", "spectral_norm", "wordcount", "sieve_sort",
         "list_methods", "closures", "float_list_memory"]
LUA_NAMES = ["lua5.4", "lua"]


def log(msg=""):
    print(msg, file=sys.stderr, flush=True)


def target_dir():
    return os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")


# --------------------------------------------------------------------------
# Building

def build_mini():
    log("building mini: cargo build --release")
    try:
        proc = subprocess.run(["cargo", "build", "--release"], cwd=ROOT)
    except FileNotFoundError:
        sys.exit("run.py: cargo not found; build mini yourself and pass --mini PATH")
    if proc.returncode != 0:
        sys.exit("run.py: cargo build --release failed (see above); "
                 "pass --mini PATH to benchmark an existing binary")
    path = os.path.join(target_dir(), "release", "mini")
    if not os.path.exists(path):
        sys.exit(f"run.py: the build succeeded but {path} is missing")
    return path


def build_launcher():
    """Compile spawn_rss.rs (see there for why); None if that is impossible."""
    if not sys.platform.startswith("linux") or sys.maxsize < 2 ** 32:
        return None
    src = os.path.join(HERE, "spawn_rss.rs")
    out = os.path.join(target_dir(), "bench", "spawn_rss")
    if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(src):
        return out
    rustc = shutil.which("rustc")
    if rustc is None:
        return None
    os.makedirs(os.path.dirname(out), exist_ok=True)
    proc = subprocess.run([rustc, "-O", "--edition", "2021", src, "-o", out],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        log(f"warning: could not compile {src}:\n{proc.stderr}")
        return None
    return out


# --------------------------------------------------------------------------
# Running one program once

class Result:
    def __init__(self, code, wall_s, maxrss_kib, stdout, stderr):
        self.code = code
        self.wall_s = wall_s
        self.maxrss_kib = maxrss_kib
        self.stdout = stdout
        self.stderr = stderr


class Launcher:
    """Runs a command with stdout/stderr captured to files, measuring wall time
    and the child's own peak RSS."""

    def __init__(self, helper, timeout):
        self.helper = helper
        self.timeout = timeout
        self.tmp = tempfile.mkdtemp(prefix="mini-bench-")

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run(self, cmd):
        out_path = os.path.join(self.tmp, "stdout")
        err_path = os.path.join(self.tmp, "stderr")
        res_path = os.path.join(self.tmp, "result")
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            if self.helper:
                if os.path.exists(res_path):
                    os.remove(res_path)
                t0 = time.perf_counter()
                proc = subprocess.run([self.helper, res_path, str(self.timeout)] + cmd,
                                      stdin=subprocess.DEVNULL, stdout=out, stderr=err)
                outer = time.perf_counter() - t0
                if proc.returncode != 0 or not os.path.exists(res_path):
                    code, rss, wall = 127, 0, outer
                else:
                    with open(res_path) as f:
                        c, r, ns = f.read().split()
                    code, rss, wall = int(c), int(r), int(ns) / 1e9
            else:
                code, rss, wall = self._run_wait4(cmd, out, err)
        with open(out_path, "rb") as f:
            stdout = f.read()
        with open(err_path, "rb") as f:
            stderr = f.read()
        return Result(code, wall, rss, stdout, stderr)

    def _run_wait4(self, cmd, out, err):
        # Fallback: exact time, but ru_maxrss is at least this runner's own peak
        # RSS (Linux carries it across exec), so small figures are overstated.
        t0 = time.perf_counter()
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        except OSError as e:
            err.write(f"cannot run {cmd[0]}: {e}\n".encode())
            return 127, 0, 0.0
        timer = threading.Timer(self.timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        return proc.returncode, usage.ru_maxrss, wall


# --------------------------------------------------------------------------
# Helpers

def tool_output(cmd):
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (proc.stdout or proc.stderr).strip()
    return text if proc.returncode == 0 else None


def resolve_python(name):
    """The real interpreter behind `python3` (not a pyenv shim script, whose
    start-up would be timed too)."""
    exe = shutil.which(name) or name
    real = tool_output([exe, "-c", "import sys; print(sys.executable)"])
    if not real:
        sys.exit(f"run.py: cannot run {name}")
    return real


def find_lua():
    for name in LUA_NAMES:
        exe = shutil.which(name)
        if exe:
            version = tool_output([exe, "-v"])
            if version and "Lua 5.4" in version:
                return exe, version.split("  Copyright")[0].strip()
    return None, None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def loadavg():
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def first_difference(expected, got, who="mini"):
    exp = expected.decode(errors="replace").splitlines()
    act = got.decode(errors="replace").splitlines()
    for i in range(max(len(exp), len(act))):
        e = exp[i] if i < len(exp) else "<end of output>"
        a = act[i] if i < len(act) else "<end of output>"
        if e != a:
            return f"line {i + 1}: CPython {e!r}, {who} {a!r}"
    return "outputs differ only in trailing whitespace or newlines"


def last_line(data):
    lines = data.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else "(no output)"


def program_list(filters):
    names = [f[:-3] for f in os.listdir(PROGRAMS) if f.endswith(".py")]
    names.sort(key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
    if filters:
        wanted = [w for f in filters for w in f.split(",") if w]
        names = [n for n in names if any(w in n for w in wanted)]
    return names


def mib(kib):
    return kib / 1024.0


# --------------------------------------------------------------------------
# The suite

def bench_program(name, runs, launcher, interps, lua):
    """interps: {"cpython": cmd_prefix, "mini": cmd_prefix}. Returns a dict."""
    path = os.path.join(PROGRAMS, name + ".py")
    entry = {"name": name, "status": "ok", "detail": "",
             "cpython": {"times_s": [], "rss_kib": []},
             "mini": {"times_s": [], "rss_kib": []}}
    cmds = {k: v + [path] for k, v in interps.items()}
    lua_path = os.path.join(PROGRAMS, name + ".lua")
    if lua and os.path.exists(lua_path):
        cmds["lua"] = [lua, lua_path]
        entry["lua"] = {"times_s": [], "rss_kib": []}

    # Untimed check (and warm-up) run of each.
    ref = launcher.run(cmds["cpython"])
    if ref.code != 0:
        entry["status"] = "CPYTHON-FAIL"
        entry["detail"] = f"CPython exit {ref.code}: {last_line(ref.stderr)}"
        return entry
    entry["output"] = ref.stdout.decode(errors="replace")
    timed = ["cpython"]

    def check(who, res):
        if res.code != 0:
            return "FAIL", f"{who} exit {res.code}: {last_line(res.stderr)}"
        if res.stdout != ref.stdout:
            return "MISMATCH", first_difference(ref.stdout, res.stdout, who)
        return None

    for who in [k for k in cmds if k != "cpython"]:
        bad = check(who, launcher.run(cmds[who]))
        if bad and who == "mini":
            entry["status"], entry["detail"] = bad
        elif bad:
            entry[who]["status"] = bad[0]
            entry[who]["detail"] = bad[1]
            log(f"  {name}: {who} {bad[0]}: {bad[1]}")
        else:
            timed.append(who)

    if entry["status"] != "ok":
        log(f"  {name}: mini {entry['status']}: {entry['detail']}")
    for r in range(runs):
        # Alternate which interpreter goes first in each round.
        order = list(timed) if r % 2 == 1 else list(reversed(timed))
        for who in order:
            res = launcher.run(cmds[who])
            bad = check(who, res)
            if bad:
                if who == "cpython":
                    entry["status"], entry["detail"] = "CPYTHON-FAIL", bad[1]
                    return entry
                if who == "mini":
                    entry["status"], entry["detail"] = bad
                else:
                    entry[who]["status"], entry[who]["detail"] = bad
                timed.remove(who)
                continue
            entry[who]["times_s"].append(res.wall_s)
            entry[who]["rss_kib"].append(res.maxrss_kib)
    for who in cmds:
        t = entry[who]["times_s"]
        if t:
            entry[who]["median_s"] = statistics.median(t)
            entry[who]["min_s"] = min(t)
            entry[who]["max_s"] = max(t)
            entry[who]["peak_rss_kib"] = max(entry[who]["rss_kib"])
    c, m = entry["cpython"], entry["mini"]
    if entry["status"] == "ok":
        entry["ratio"] = m["median_s"] / c["median_s"]
        entry["mem_ratio"] = m["peak_rss_kib"] / c["peak_rss_kib"] if c["peak_rss_kib"] else None
    line = f"  {name}: CPython {c.get('median_s', 0):.3f}s"
    if m.get("times_s"):
        line += f", mini {m['median_s']:.3f}s"
    if entry.get("lua", {}).get("times_s"):
        line += f", Lua {entry['lua']['median_s']:.3f}s"
    log(line)
    return entry


def format_table(entries, with_lua):
    head = ["program", "CPython s", "mini s", "ratio", "CPython MiB", "mini MiB", "mem ratio"]
    if with_lua:
        head.append("Lua s")
    rows = []
    notes = []
    for e in entries:
        c, m = e["cpython"], e["mini"]
        cs = f"{c['median_s']:.3f}" if "median_s" in c else "-"
        cm = f"{mib(c['peak_rss_kib']):.1f}" if "peak_rss_kib" in c else "-"
        if e["status"] == "ok":
            row = [e["name"], cs, f"{m['median_s']:.3f}", f"{e['ratio']:.2f}",
                   cm, f"{mib(m['peak_rss_kib']):.1f}",
                   f"{e['mem_ratio']:.2f}" if e["mem_ratio"] is not None else "-"]
        else:
            row = [e["name"], cs, e["status"], "-", cm, "-", "-"]
            notes.append(f"{e['name']}: {e['status']}: {e['detail']}")
        if with_lua:
            lua = e.get("lua")
            if lua and "median_s" in lua:
                row.append(f"{lua['median_s']:.3f}")
            elif lua and "status" in lua:
                row.append(lua["status"])
                notes.append(f"{e['name']} (Lua): {lua['status']}: {lua['detail']}")
            else:
                row.append("-")
        rows.append(row)
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]

    def fmt(r):
        cells = [str(r[0]).ljust(widths[0])]
        cells += [str(x).rjust(w) for x, w in zip(r[1:], widths[1:])]
        return "| " + " | ".join(cells) + " |"

    sep = "|" + "|".join("-" * (w + 1) + ":" if i else "-" * (w + 2)
                         for i, w in enumerate(widths)) + "|"
    lines = [fmt(head), sep] + [fmt(r) for r in rows]
    return "\n".join(lines), notes


def main():
    ap = argparse.ArgumentParser(description="Benchmark mini against CPython.")
    ap.add_argument("--runs", type=int, default=5,
                    help="timed runs per interpreter and program (default 5; "
                         "fewer than 5 is for quick checks only)")
    ap.add_argument("--filter", action="append", metavar="NAME",
                    help="only programs whose name contains NAME "
                         "(repeatable, or comma-separated)")
    ap.add_argument("--mini", metavar="PATH",
                    help="use this mini binary instead of building with cargo")
    ap.add_argument("--python", default="python3", metavar="EXE",
                    help="the CPython to compare with (default python3)")
    ap.add_argument("--site", action="store_true",
                    help="let CPython import site (default: run it with -S, so "
                         "site-packages .pth hooks do not add to its start-up)")
    ap.add_argument("--json", metavar="FILE", help="also write the raw numbers here")
    ap.add_argument("--timeout", type=float, default=300.0,
                    help="seconds before one run is killed (default 300)")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    names = program_list(args.filter)
    if not names:
        sys.exit("run.py: no program matches the filter")

    mini = os.path.abspath(args.mini) if args.mini else build_mini()
    if not os.access(mini, os.X_OK):
        sys.exit(f"run.py: {mini} is not an executable")
    python = resolve_python(args.python)
    helper = build_launcher()
    lua, lua_version = find_lua()

    py_cmd = [python] + ([] if args.site else ["-S"])
    machine = {
        "cpu": cpu_model(),
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "os": platform.platform(),
        "python": tool_output([python, "--version"]),
        "python_path": python,
        "python_cmd": " ".join(py_cmd),
        "mini": tool_output([mini, "--version"]),
        "mini_path": mini,
        "lua": lua_version,
        "loadavg_start": loadavg(),
        "rss_method": "wait4 via benches/spawn_rss.rs launcher" if helper
        else "os.wait4 from run.py (peak RSS floored at the runner's own)",
        "runs": args.runs,
    }
    print(f"machine: {machine['cpu']}, nproc {machine['nproc']}, {machine['os']}")
    print(f"CPython: {machine['python']} ({machine['python_cmd']})")
    print(f"mini:    {machine['mini']} ({mini})")
    if lua:
        print(f"Lua:     {lua_version} ({lua})")
    print(f"runs:    {args.runs} timed per interpreter, alternating, after one "
          f"check run; load average at start {machine['loadavg_start']}")
    if args.runs < 5:
        print("note:    fewer than 5 runs: a quick check, not a measurement")
    if not helper:
        print("note:    no rustc for benches/spawn_rss.rs: peak RSS below the "
              "runner's own (~10-15 MiB) is overstated")
    sys.stdout.flush()

    launcher = Launcher(helper, args.timeout)
    entries = []
    try:
        for name in names:
            log(f"{name} ...")
            entries.append(bench_program(name, args.runs, launcher,
                                         {"cpython": py_cmd, "mini": [mini]}, lua))
    finally:
        launcher.close()
    machine["loadavg_end"] = loadavg()

    with_lua = any("lua" in e for e in entries)
    table, notes = format_table(entries, with_lua)
    print()
    print(table)
    print()
    print("ratio = mini median / CPython median (< 1: mini is faster); "
          "mem ratio = mini peak RSS / CPython peak RSS (< 1: mini is smaller)")
    for n in notes:
        print(n)
    for e in entries:
        lua_e = e.get("lua")
        if e["status"] == "ok" and lua_e and "median_s" in lua_e:
            r = e["mini"]["median_s"] / lua_e["median_s"]
            print(f"{e['name']}: mini / Lua 5.4 = {r:.2f} (target: within 2x)")
    ok = [e for e in entries if e["status"] == "ok"]
    wins = [e for e in ok if e["ratio"] < 1.0]
    smaller = [e for e in ok if e.get("mem_ratio") is not None and e["mem_ratio"] < 1.0]
    failed = len(entries) - len(ok)
    summary = (f"mini is faster than CPython on {len(wins)} of {len(entries)} programs"
               f" (uses less memory on {len(smaller)})")
    if failed:
        summary += f"; {failed} did not run correctly under mini"
    print(f"load average at end {machine['loadavg_end']}")
    print(summary)

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": machine, "programs": entries, "summary": summary},
                      f, indent=2)
            f.write("\n")
        print(f"raw numbers written to {args.json}")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
