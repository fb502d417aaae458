#!/usr/bin/env bash
# Regenerate the expected outputs of the numpy differential tests with real NumPy.
#
#   tests/numpy_diff/regen.sh              # every tests/numpy_diff/*.py
#   tests/numpy_diff/regen.sh format.py    # only the named programs
#
# Needs a Python with NumPy 2 as $PYTHON, e.g.
#   python3 -m venv /tmp/npvenv && /tmp/npvenv/bin/pip install numpy
#   PYTHON=/tmp/npvenv/bin/python tests/numpy_diff/regen.sh
# Writes NAME.out (stdout only: NumPy's RuntimeWarnings go to stderr and are not
# compared). The programs must exit 0.
set -u
cd "$(dirname "$0")"
PY="${PYTHON:-python3}"
if ! "$PY" -c 'import numpy, sys; sys.exit(0 if numpy.__version__.startswith("2.") else 1)' 2>/dev/null; then
    echo "regen.sh: need a Python with NumPy 2.x as \$PYTHON (tried $PY)" >&2
    exit 2
fi
if [ "$#" -gt 0 ]; then files=("$@"); else files=(*.py); fi
fail=0
for f in "${files[@]}"; do
    f="$(basename "$f")"
    if ! PYTHONHASHSEED=0 "$PY" "$f" >"${f%.py}.out" 2>/dev/null; then
        echo "regen.sh: $f exited with an error" >&2
        fail=1
    fi
done
exit $fail
