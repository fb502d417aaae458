#!/bin/sh
# Regenerate NAME.expected for the thread programs that are plain Python,
# from CPython 3.11 (gil_stats and stress_off are mini-only: edit by hand).
cd "$(dirname "$0")" || exit 1
for f in basics locks sync queues exceptions exit_wait recursion appends; do
    cp "$f.mini" "/tmp/$f.py"
    python3 "/tmp/$f.py" > "$f.expected" 2>/dev/null
done
