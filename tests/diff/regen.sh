#!/usr/bin/env bash
# Regenerate the committed expectations of the differential corpus with CPython 3.11.
#
#   tests/diff/regen.sh            # every tests/diff/*.py
#   tests/diff/regen.sh foo.py     # only the named programs
#
# For each NAME.py this writes
#   NAME.out       python3's stdout (always)
#   NAME.err_last  the last non-empty line of python3's stderr (only when the exit status != 0)
#   NAME.status    the exit status (only when != 0)
# and removes a stale NAME.err_last / NAME.status when the program now exits 0.
#
# Every program is run three times (PYTHONHASHSEED=0, 1 and 4242); the script fails when
# the runs disagree (the output must not depend on str hashing) and warns when a program
# takes longer than 0.5 s.  The harness (tests/differential.rs) runs python3 with
# PYTHONHASHSEED=0, cwd = tests/diff and the relative path NAME.py, exactly as here.
set -u
cd "$(dirname "$0")"
PY="${PYTHON:-python3}"
if ! "$PY" --version 2>&1 | grep -q '^Python 3\.11\.'; then
    echo "regen.sh: need CPython 3.11 as \$PYTHON or python3 (found: $("$PY" --version 2>&1))" >&2
    exit 2
fi
# A clean, reproducible environment for CPython.
run_py() { # seed file -> writes $tmp/out $tmp/err, echoes status
    env -u PYTHONPATH -u PYTHONSTARTUP -u PYTHONWARNINGS -u PYTHONINTMAXSTRDIGITS \
        -u PYTHONDEVMODE -u PYTHONOPTIMIZE -u PYTHONUTF8 \
        PYTHONHASHSEED="$1" PYTHONIOENCODING=utf-8 PYTHONDONTWRITEBYTECODE=1 LC_ALL=C.UTF-8 \
        "$PY" "$2" </dev/null >"$tmp/out.$1" 2>"$tmp/err.$1"
    echo $?
}
last_line() { # last non-empty line, trailing \r and spaces stripped like the harness
    sed -e 's/[[:space:]]*$//' "$1" | awk 'NF || length { last = $0 } END { print last }'
}
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ "$#" -gt 0 ]; then files=("$@"); else files=(*.py); fi
fail=0
for f in "${files[@]}"; do
    f="$(basename "$f")"
    name="${f%.py}"
    start=$(date +%s%N)
    st0=$(run_py 0 "$f")
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    [ "$ms" -gt 500 ] && echo "WARNING: $f took ${ms} ms in CPython (limit 500 ms)" >&2
    for seed in 1 4242; do
        st=$(run_py "$seed" "$f")
        if [ "$st" != "$st0" ] || ! cmp -s "$tmp/out.0" "$tmp/out.$seed" \
           || [ "$(last_line "$tmp/err.0")" != "$(last_line "$tmp/err.$seed")" ]; then
            echo "ERROR: $f is not deterministic (PYTHONHASHSEED=0 vs $seed)" >&2
            fail=1
        fi
    done
    cp "$tmp/out.0" "$name.out"
    if [ "$st0" != 0 ]; then
        last_line "$tmp/err.0" > "$name.err_last"
        echo "$st0" > "$name.status"
    else
        rm -f "$name.err_last" "$name.status"
        if [ -s "$tmp/err.0" ]; then
            echo "ERROR: $f exits 0 but writes to stderr:" >&2
            cat "$tmp/err.0" >&2
            fail=1
        fi
    fi
done
# Expectations whose program is gone.
for o in *.out; do
    [ -e "${o%.out}.py" ] || { echo "removing stale ${o%.out}.*"; rm -f "${o%.out}.out" "${o%.out}.err_last" "${o%.out}.status"; }
done
echo "regen.sh: ${#files[@]} programs processed" >&2
exit $fail
