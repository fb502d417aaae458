#!/usr/bin/env bash
# Regenerate the `# expect:` header (line 1) of every tests/errors/*.py with CPython 3.11.
#
#   tests/errors/regen.sh            # every file
#   tests/errors/regen.sh foo.py     # only the named files
#
# Header format (always line 1, so rewriting it never moves the other lines):
#   # expect: <status> <line> <exact last line of stderr>
# <status> is python3's exit status, or -N when python3 died from signal N (an uncaught
# KeyboardInterrupt makes CPython kill itself with SIGINT: -2).  <line> is the line number
# of the innermost `File "...", line N` in the traceback (for syntax errors: the line
# CPython reports).  The harness is tests/errors.rs.
set -u
cd "$(dirname "$0")"
PY="${PYTHON:-python3}"
if ! "$PY" --version 2>&1 | grep -q '^Python 3\.11\.'; then
    echo "regen.sh: need CPython 3.11 as \$PYTHON or python3 (found: $("$PY" --version 2>&1))" >&2
    exit 2
fi
if [ "$#" -gt 0 ]; then files=("$@"); else files=(*.py); fi
exec env -u PYTHONPATH -u PYTHONSTARTUP -u PYTHONWARNINGS -u PYTHONINTMAXSTRDIGITS \
    PYTHONHASHSEED=0 PYTHONIOENCODING=utf-8 LC_ALL=C.UTF-8 "$PY" - "${files[@]}" <<'PYEOF'
import os, re, subprocess, sys

# Messages for which CPython prints no caret line; every other SyntaxError /
# IndentationError must come with one (tests/errors.rs has the same list).
NO_CARET = {"IndentationError: unexpected indent"}

fail = False
for path in sys.argv[1:]:
    path = os.path.basename(path)
    with open(path, "rb") as fh:
        data = fh.read()
    lines = data.split(b"\n")
    if not lines[0].startswith(b"# expect:"):
        print(f"{path}: line 1 must be the '# expect:' header", file=sys.stderr)
        fail = True
        continue
    p = subprocess.run([sys.executable, path], capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
    err = p.stderr.decode("utf-8", "replace")
    err_lines = [l.rstrip() for l in err.split("\n")]
    err_lines = [l for l in err_lines if l]
    last = err_lines[-1] if err_lines else ""
    nums = re.findall(r'File "[^"]*", line (\d+)', err)
    if p.returncode == 0 or not nums:
        print(f"{path}: CPython did not fail with a located error (status {p.returncode})", file=sys.stderr)
        print(err, file=sys.stderr)
        fail = True
        continue
    line = nums[-1]
    is_syntax = last.startswith(("SyntaxError", "IndentationError"))
    has_caret = any(re.fullmatch(r" *\^+ *", l) for l in err.split("\n"))
    if is_syntax and (last not in NO_CARET) != has_caret:
        print(f"{path}: caret rule mismatch (caret printed: {has_caret}); update NO_CARET here and in tests/errors.rs", file=sys.stderr)
        fail = True
    header = f"# expect: {p.returncode} {line} {last}".encode()
    if b"\n" in last.encode():
        raise SystemExit("impossible")
    lines[0] = header
    new = b"\n".join(lines)
    if new != data:
        with open(path, "wb") as fh:
            fh.write(new)
        print(f"updated {path}: {header.decode()}")
sys.exit(1 if fail else 0)
PYEOF
