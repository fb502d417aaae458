#!/usr/bin/env python3
"""Generate the hostile-input corpus of tests/hostile/ and its MANIFEST.

    python3 tests/hostile/gen.py            # rewrite every case file, .out file and MANIFEST
    python3 tests/hostile/gen.py --no-cpython   # same, but do not run CPython to record outcomes

Every case is defined in CASES below (this script is the single source of truth: the
files next to it are its output and are committed, so the harness needs no Python).

MANIFEST has one tab-separated line per case:

    NAME.py <TAB> ACCEPT <TAB> CPYTHON <TAB> NOTE

ACCEPT is a '|'-separated list of the outcomes mini may produce, any one of which passes:
    ok        exit status 0 (stdout not compared)
    stdout    exit status 0 and stdout exactly equal to NAME.out
    clean     any clean outcome: status 0, or status 1 with an error-shaped last stderr line
    SomeError exit status 1 and the last stderr line is `SomeError` or `SomeError: ...`
On top of ACCEPT the harness (tests/hostile.rs) always requires: no hang (20 s), exit
status 0 or 1 (no signal, not 101/134), no Rust panic/backtrace/stack-overflow text on
stderr, and an error-shaped last stderr line when the status is 1.

CPYTHON records what CPython 3.11 did with the same file (informational; `-` when not
recorded): `0`, `1 ErrorClass`, `timeout`, `signal N`, `status N`.  This script checks
that CPython's outcome is allowed by ACCEPT unless the case is marked cpython_differs
(CPython crashes, hangs or is deliberately stricter than mini has to be).
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = []  # (name, bytes, accept, stdout or None, note, cpython_differs, run_cpython)


def case(name, src, accept, stdout=None, note="", cpython_differs=False, run_cpython=True):
    if isinstance(src, str):
        src = src.encode("utf-8")
    if stdout is not None and "stdout" not in accept.split("|"):
        raise SystemExit(f"{name}: stdout given but ACCEPT lacks 'stdout'")
    CASES.append((name, src, accept, stdout, note, cpython_differs, run_cpython))


# ---------------------------------------------------------------- empty and odd files
case("empty", b"", "stdout", "", "zero-byte file")
case("only_comments", "# one\n# two\n   # indented comment\n#\n", "stdout", "")
case("only_blank_lines", "\n\n    \n\t\n  \n\n", "stdout", "", "blank lines with spaces and tabs")
case("whitespace_no_newline", "   ", "stdout", "", "three spaces, no newline")
case("no_trailing_newline", "x = 6\nprint(x * 7)", "stdout", "42\n", "last line without newline")
case("comment_no_trailing_newline", "print('a')\n# last", "stdout", "a\n")
case("crlf_endings",
     "x = 1\r\nif x:\r\n    print('crlf', x)\r\ns = '''a\r\nb'''\r\nprint(len(s), repr(s))\r\n"
     "y = (1 +\r\n     2)\r\nz = 3 + \\\r\n    4\r\nprint(y, z)\r\n",
     "stdout", "crlf 1\n3 'a\\nb'\n3 7\n", "CRLF must behave like LF (also inside triple quotes)")
case("cr_only_endings", "x = 1\rprint(x)\r", "clean",
     note="old Mac line endings: CPython accepts them")
case("bom_start", b"\xef\xbb\xbfprint('bom ok')\n", "stdout", "bom ok\n", "UTF-8 BOM is accepted")
case("bom_crlf", b"\xef\xbb\xbfx = 2\r\nprint(x)\r\n", "stdout", "2\n")
case("form_feed", "\x0cx = 1\nprint(x)\n", "clean", note="form feed at line start")
case("tabs_consistent", "if True:\n\tx = 1\n\tif x:\n\t\tprint('tabs', x)\n", "stdout", "tabs 1\n")
case("unicode_identifier", "π = 3.14\nprint(π)\n", "clean", note="non-ASCII identifier")
case("long_identifier", "v" * 100_000 + " = 5\nprint(" + "v" * 100_000 + ")\n",
     "stdout", "5\n", "100,000-character identifier")

# ---------------------------------------------------------------- tokenizer errors
case("lone_backslash_eof", "x = 1\n\\", "SyntaxError")
case("lone_backslash_newline_eof", "x = 1\n\\\n", "SyntaxError")
case("backslash_then_comment", "x = 1 + \\ # comment\n2\n", "SyntaxError")
case("nul_byte", b"print(1)\n\x00\n", "SyntaxError|ValueError", note="NUL byte in source")
case("nul_in_string", b"s = 'a\x00b'\nprint(len(s))\n", "SyntaxError|ValueError")
case("invalid_utf8_string", b"s = '\xff\xfe'\nprint(s)\n", "SyntaxError|UnicodeDecodeError|UnicodeError")
case("invalid_utf8_comment", b"# \xc3\x28 bad\nprint(1)\n", "SyntaxError|UnicodeDecodeError|UnicodeError")
case("invalid_utf8_identifier", b"x\xff = 1\n", "SyntaxError|UnicodeDecodeError|UnicodeError")
case("truncated_utf8_eof", b"print('\xc3", "SyntaxError|UnicodeDecodeError|UnicodeError")
case("escape_char_in_code", "x = 1\x1b\n", "SyntaxError", note="non-printable character")
case("unterminated_string_eof", "x = 'abc", "SyntaxError")
case("unterminated_string_newline", "x = \"abc\ny = 1\n", "SyntaxError")
case("unterminated_triple_eof", 'x = """abc\n\n', "SyntaxError")
case("unterminated_triple_single", "x = '''\n" + "line\n" * 1000, "SyntaxError")
case("unterminated_fstring", "x = f'{1'\n", "SyntaxError")
case("fstring_empty_expr", "x = f'{}'\n", "SyntaxError")
case("unclosed_bracket_eof", "x = [1, 2,\n", "SyntaxError")
case("unclosed_many_brackets", "x = (((((\n", "SyntaxError")
case("stray_closing_bracket", "]\n", "SyntaxError")
case("only_operators", "+-*/\n", "SyntaxError")
case("keyword_soup", "if while for def return\n", "SyntaxError")
case("lambda_no_body", "f = lambda:\n", "SyntaxError")
case("def_no_parens", "def f:\n    pass\n", "SyntaxError")
case("bad_number_forms", "x = 0x\n", "SyntaxError")
case("leading_zero_int", "x = 0777\n", "SyntaxError")

# ---------------------------------------------------------------- indentation
case("tab_space_mix", "if True:\n        x = 1\n\ty = 2\n", "TabError|IndentationError")
case("def_no_body", "def f():\n", "IndentationError|SyntaxError")
case("def_no_body_then_code", "def f():\nx = 1\n", "IndentationError|SyntaxError")
case("if_no_body_eof", "if True:", "IndentationError|SyntaxError")
case("indent_at_start", "  x = 1\n", "IndentationError|SyntaxError")
case("dedent_to_nowhere", "if 1:\n    x = 1\n  y = 2\n", "IndentationError|SyntaxError")
case("indent_150_levels",
     "".join("    " * i + "if True:\n" for i in range(150)) + "    " * 150 + "print('deep')\n",
     "clean", note="CPython: too many levels of indentation (limit 100)", cpython_differs=False)
case("nested_loops_30",
     "".join("    " * i + f"for i{i} in range(1):\n" for i in range(30)) + "    " * 30 + "print('loops')\n",
     "clean", note="CPython: too many statically nested blocks")

# ---------------------------------------------------------------- deep nesting in source
case("nested_brackets_10000", "x = " + "[" * 10000 + "]" * 10000 + "\nprint(len(x))\n", "clean",
     note="CPython: too many nested parentheses")
case("nested_parens_10000", "x = " + "(" * 10000 + "1" + ")" * 10000 + "\nprint(x)\n", "clean")
case("nested_unary_minus_10000", "x = " + "-" * 10000 + "1\nprint(x)\n", "clean",
     note="CPython: MemoryError in the parser")
case("nested_not_10000", "x = " + "not " * 10000 + "True\nprint(x)\n", "clean")
case("nested_lambda_500", "f = " + "lambda: " * 500 + "1\nprint('built')\n", "clean")
case("nested_calls_5000", "print(" + "abs(" * 5000 + "-1" + ")" * 5000 + ")\n", "clean")
case("nested_dict_display_5000", "x = " + "{1: " * 5000 + "0" + "}" * 5000 + "\nprint(len(x))\n", "clean")
case("sum_100000_terms", "x = " + "+".join(["1"] * 100_000) + "\nprint(x)\n", "clean",
     note="CPython: RecursionError during compilation; mini may well print 100000")
case("chained_compare_10000", "print(" + " < ".join(map(str, range(10_000))) + ")\n", "clean")
case("elif_chain_10000",
     "x = 9999\nif x == 0:\n    print(0)\n" + "".join(f"elif x == {i}:\n    print({i})\n" for i in range(1, 10_000)),
     "clean", note="CPython: MemoryError in the parser")

# ---------------------------------------------------------------- big literals and long lines
case("string_literal_1e6", "s = '" + "a" * 1_000_000 + "'\nprint(len(s))\n", "stdout", "1000000\n",
     "a 10**6-character string literal on one line")
case("long_line_list_300000", "x = [" + "0," * 300_000 + "]\nprint(len(x))\n", "stdout", "300000\n",
     "a 600 KB line")
case("int_literal_100000_digits", "x = " + "7" * 100_000 + "\nprint(x % 1000)\nprint(x)\n", "clean",
     note="CPython 3.11: SyntaxError (Exceeds the limit (4300 digits)); mini may accept it")
case("many_functions_10000",
     "".join(f"def f{i}():\n    return {i}\n" for i in range(10_000))
     + "fs = [" + ", ".join(f"f{i}" for i in range(10_000)) + "]\n"
     + "print(len(fs), sum(f() for f in fs))\n",
     "stdout", "10000 49995000\n", "10,000 function definitions")
case("many_globals_10000",
     "".join(f"v{i} = {i}\n" for i in range(10_000)) + "print(v0 + v5000 + v9999)\n",
     "stdout", "14999\n")
case("dict_literal_10000_keys",
     "d = {" + ", ".join(f"{i}: {i * i}" for i in range(10_000)) + "}\nprint(len(d), d[9999])\n",
     "stdout", "10000 99980001\n")
case("call_10000_literal_args", "print(max(" + ", ".join(map(str, range(10_000))) + "))\n",
     "stdout", "9999\n")

# ---------------------------------------------------------------- runaway recursion
case("runaway_recursion", "def f():\n    return f()\nf()\n", "RecursionError")
case("runaway_recursion_args",
     "def f(a, b, *rest, **kw):\n    return f(a + 1, [b], *rest, **kw)\nf(0, 0, 1, 2, 3, k=1)\n",
     "RecursionError")
case("mutual_recursion", "def a(n):\n    return b(n + 1)\ndef b(n):\n    return a(n + 1)\na(0)\n",
     "RecursionError")
case("recursion_via_map", "def f(n):\n    return list(map(f, [n + 1]))\nf(0)\n", "RecursionError")
case("recursion_via_sorted_key", "def k(v):\n    return sorted([v], key=k)\nk(1)\n", "RecursionError")
case("recursion_via_sorted_key_huge_limit",
     "import sys\nsys.setrecursionlimit(10**6)\ndef k(v):\n    return sorted([v], key=k)\nk(1)\n",
     "RecursionError", note="native re-entry is bounded by stack use, not only by the limit "
     "(CPython 3.11 crashes here)", run_cpython=False)
case("nested_list_4m_levels_freed",
     "a = []\nfor i in range(4 * 10**6):\n    a = [a]\na = None\nprint('freed')\n",
     "stdout", "freed\n", note="deallocation is iterative, not one native frame per level",
     run_cpython=False)
case("recursion_lambda", "f = lambda: f()\nf()\n", "RecursionError")
case("recursion_in_comprehension", "def f(n):\n    return [f(n + 1) for _ in range(1)]\nf(0)\n",
     "RecursionError")
case("recursion_in_fstring", "def f(n):\n    return f'{f(n + 1)}'\nf(0)\n", "RecursionError")
case("recursion_caught_then_again",
     "def f():\n    return f()\nfor i in range(3):\n    try:\n        f()\n    except RecursionError:\n"
     "        print('caught', i)\n",
     "stdout", "caught 0\ncaught 1\ncaught 2\n")
case("recursion_limit_huge",
     "import sys\nsys.setrecursionlimit(10 ** 6)\ndef f(n):\n    return f(n + 1)\nf(0)\n",
     "RecursionError|MemoryError",
     note="a native stack must never overflow, whatever the limit")
case("recursion_limit_huge_deep_ok",
     "import sys\nsys.setrecursionlimit(100000)\ndef f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\n"
     "print(f(50000))\n",
     "stdout|RecursionError|MemoryError", "50000\n",
     note="CPython 3.11 manages 50000 frames; mini may refuse cleanly")
case("recursion_limit_zero", "import sys\nsys.setrecursionlimit(0)\n", "ValueError")
case("recursion_limit_negative", "import sys\nsys.setrecursionlimit(-5)\n", "ValueError")

# ---------------------------------------------------------------- self-referential and deep data
case("self_ref_list", "a = [1]\na.append(a)\nprint(a)\n", "stdout", "[1, [...]]\n")
case("self_ref_dict", "d = {'k': 1}\nd['me'] = d\nprint(d)\n", "stdout", "{'k': 1, 'me': {...}}\n")
case("self_ref_list_eq", "a = [1]\na.append(a)\nprint(a == a)\n", "clean",
     note="CPython prints True (identity shortcut)")
case("mutual_ref_lists_eq", "a = []\nb = []\na.append(b)\nb.append(a)\nprint(a == b)\n",
     "RecursionError", note="CPython: maximum recursion depth exceeded in comparison")
case("deep_list_repr",
     "x = []\nfor i in range(100000):\n    x = [x]\nprint(len(x))\nprint(x)\n", "clean",
     note="CPython: RecursionError from repr")
case("deep_list_eq",
     "a = []\nb = []\nfor i in range(100000):\n    a = [a]\n    b = [b]\nprint(a == b)\n",
     "clean", note="CPython: RecursionError in comparison")
case("deep_list_drop",
     "x = []\nfor i in range(1000000):\n    x = [x]\ndel x\nprint('done')\n", "stdout", "done\n",
     "freeing a 10**6-deep list must not overflow the native stack")
case("deep_dict_drop",
     "x = {}\nfor i in range(1000000):\n    x = {'k': x}\nx = None\nprint('done')\n", "stdout", "done\n")
case("deep_list_at_exit",
     "x = []\nfor i in range(1000000):\n    x = [x]\nprint('exiting')\n", "stdout", "exiting\n",
     "a deep structure still alive at exit")
case("deep_tuple_hash",
     "t = ()\nfor i in range(100000):\n    t = (t,)\nprint(hash(t) is not None)\n", "clean",
     note="CPython recurses in C without a check")
case("deep_list_str_len",
     "x = []\nfor i in range(50000):\n    x = [x]\ntry:\n    print(len(str(x)))\nexcept RecursionError:\n"
     "    print('RecursionError')\n",
     "ok")

# ---------------------------------------------------------------- huge numbers and allocations
case("int_from_str_5000_digits", "x = int('9' * 5000)\nprint(x % 7)\n", "ok|ValueError",
     note="CPython 3.11: ValueError (4300-digit limit)")
case("str_of_big_int", "x = 10 ** 5000\nprint(len(str(x)))\n", "ok|ValueError",
     note="CPython 3.11: ValueError (4300-digit limit)")
case("huge_pow_2_2_64", "x = 2 ** (2 ** 64)\nprint('unreachable')\n", "MemoryError|OverflowError",
     note="CPython grinds for minutes; mini must fail fast", cpython_differs=True, run_cpython=False)
case("huge_shift_10_12", "x = 1 << (10 ** 12)\n", "MemoryError|OverflowError")
case("huge_shift_2_64", "x = 1 << (2 ** 64)\n", "MemoryError|OverflowError")
case("str_repeat_huge", "x = 'a' * 10 ** 15\n", "MemoryError|OverflowError")
case("list_repeat_huge", "x = [0] * 10 ** 15\n", "MemoryError|OverflowError")
case("str_repeat_overflow", "x = 'ab' * 10 ** 19\n", "MemoryError|OverflowError")
case("list_repeat_overflow", "x = [1, 2] * 10 ** 19\n", "MemoryError|OverflowError")
case("ljust_huge", "x = 'a'.ljust(10 ** 15)\n", "MemoryError|OverflowError")
case("bytes_huge", "x = bytes(10 ** 15)\n", "MemoryError|OverflowError")
case("format_width_huge", "x = f'{1:{10 ** 15}}'\n", "MemoryError|OverflowError|ValueError")
case("repeat_negative", "print([0] * -1, repr('ab' * -5), (1,) * -2)\n", "stdout", "[] '' ()\n")
case("range_len_overflow", "print(len(range(10 ** 20)))\n", "OverflowError")
case("range_huge_lazy",
     "n = 0\nfor i in range(10 ** 20):\n    n += 1\n    if i > 5:\n        break\nprint(n, range(10 ** 20)[10 ** 19])\n",
     "stdout", "7 10000000000000000000\n")
case("float_pow_overflow", "print(10.0 ** 10 ** 10)\n", "OverflowError")
case("int_of_float_inf", "print(int(float('inf')))\n", "OverflowError")
case("int_of_float_nan", "print(int(float('nan')))\n", "ValueError")
case("negative_pow_underflow", "print(2 ** -(10 ** 10))\n", "stdout", "0.0\n")
case("modpow_huge_exponent", "print(pow(2, 10 ** 100, 10 ** 9 + 7))\n", "stdout",
     f"{pow(2, 10 ** 100, 10 ** 9 + 7)}\n")
case("float_format_huge_precision", "print(len(f'{1e308:.400f}'))\n", "stdout", "710\n")
case("big_output_100000_lines", "for i in range(100000):\n    print(i)\n", "ok")

# ---------------------------------------------------------------- misuse of the runtime
case("del_builtin_print", "del print\n", "NameError")
case("shadow_builtin_len", "len = 5\nprint(len([]))\n", "TypeError")
case("sort_key_raises", "print(sorted([3, 1, 2], key=lambda v: 1 / (v - 1)))\n", "ZeroDivisionError")
case("list_modified_during_sort", "a = [3, 2, 1]\na.sort(key=lambda v: a.append(v) or v)\n",
     "ValueError|clean")
case("list_grows_during_iteration",
     "a = [1]\nfor x in a:\n    if len(a) < 1000:\n        a.append(x + 1)\nprint(len(a), a[-1])\n",
     "stdout", "1000 1000\n")
case("dict_modified_during_iteration", "d = {1: 1}\nfor k in d:\n    d[k + 1] = 1\n", "RuntimeError")
case("set_modified_during_iteration", "s = {1, 2}\nfor x in s:\n    s.add(x + 10)\n", "RuntimeError")
case("exception_in_finally_chain",
     "def f(n):\n    try:\n        raise ValueError(n)\n    finally:\n        if n < 50:\n            f(n + 1)\n"
     "try:\n    f(0)\nexcept ValueError as e:\n    print('caught', e)\n",
     "stdout", "caught 50\n")
case("raise_in_except_loop",
     "for i in range(10000):\n    try:\n        try:\n            raise KeyError(i)\n        except KeyError:\n"
     "            raise ValueError(i)\n    except ValueError:\n        pass\nprint('ok')\n",
     "stdout", "ok\n")


def cpython_outcome(path):
    """Run CPython on the case, under a memory cap, and describe what happened."""
    def limit():
        try:
            import resource
            resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))
        except Exception:
            pass
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
    for k in ("PYTHONPATH", "PYTHONSTARTUP", "PYTHONWARNINGS", "PYTHONINTMAXSTRDIGITS"):
        env.pop(k, None)
    try:
        p = subprocess.run([sys.executable, os.path.basename(path)], cwd=HERE, env=env,
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=30,
                           preexec_fn=limit)
    except subprocess.TimeoutExpired:
        return "timeout", None
    if p.returncode < 0:
        return f"signal {-p.returncode}", None
    if p.returncode == 0:
        return "0", p.stdout
    lines = [l for l in p.stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    last = lines[-1] if lines else ""
    m = re.match(r"^([A-Za-z]*(?:Error|Exception|Interrupt|Exit))(?::|$)", last)
    if p.returncode == 1 and m:
        return f"1 {m.group(1)}", None
    return f"status {p.returncode}", None


def allowed(accept, outcome, stdout, expected_stdout):
    for item in accept.split("|"):
        if item == "clean" and (outcome == "0" or outcome.startswith("1 ")):
            return True
        if item == "ok" and outcome == "0":
            return True
        if item == "stdout" and outcome == "0" and stdout == expected_stdout:
            return True
        if outcome == f"1 {item}":
            return True
    return False


def main():
    run_cpython = "--no-cpython" not in sys.argv[1:]
    if run_cpython and not sys.version.startswith("3.11."):
        print(f"gen.py: recording needs CPython 3.11, this is {sys.version.split()[0]}; "
              "use --no-cpython", file=sys.stderr)
        return 2
    names = set()
    manifest = []
    bad = 0
    old = {}
    mpath = os.path.join(HERE, "MANIFEST")
    if os.path.exists(mpath):
        for line in open(mpath, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                parts = line.rstrip("\n").split("\t")
                old[parts[0]] = parts[2] if len(parts) > 2 else "-"
    for name, src, accept, stdout, note, differs, run_cp in CASES:
        if name in names:
            raise SystemExit(f"duplicate case {name}")
        names.add(name)
        path = os.path.join(HERE, name + ".py")
        with open(path, "wb") as fh:
            fh.write(src)
        out_path = os.path.join(HERE, name + ".out")
        if stdout is not None:
            with open(out_path, "wb") as fh:
                fh.write(stdout.encode("utf-8"))
        elif os.path.exists(out_path):
            os.remove(out_path)
        outcome = old.get(name + ".py", "-")
        if run_cpython and run_cp:
            outcome, cp_stdout = cpython_outcome(path)
            exp = stdout.encode("utf-8") if stdout is not None else None
            if not allowed(accept, outcome, cp_stdout, exp) and not differs:
                print(f"NOTE {name}: CPython gives '{outcome}', not in ACCEPT '{accept}'"
                      " (mark cpython_differs=True if intended)", file=sys.stderr)
                bad += 1
        elif not run_cp:
            outcome = "-"
        manifest.append(f"{name}.py\t{accept}\t{outcome}\t{note}")
    # Remove case files that are no longer defined.
    for f in os.listdir(HERE):
        base, ext = os.path.splitext(f)
        if ext in (".py", ".out") and f != "gen.py" and base not in names:
            os.remove(os.path.join(HERE, f))
            print(f"removed stale {f}")
    with open(mpath, "w", encoding="utf-8") as fh:
        fh.write("# Generated by tests/hostile/gen.py -- edit that script, not this file.\n")
        fh.write("# NAME<TAB>ACCEPT<TAB>CPYTHON-3.11-OUTCOME<TAB>NOTE (see gen.py for the meaning)\n")
        fh.write("\n".join(manifest) + "\n")
    print(f"gen.py: {len(CASES)} cases written", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
