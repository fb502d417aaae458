# str splitting: split/rsplit/splitlines/partition/rpartition.
tests = ["  a b  c  ", "a,b,,c", "", "   ", "one", "a\tb\nc\x0bd\x0ce\rf\x1cg\x1fh", "x\u3000y\xa0z\u2003w"]
for t in tests:
    print(repr(t), t.split(), t.rsplit(), t.split(None, 1), t.rsplit(None, 1), t.split(maxsplit=0), t.rsplit(maxsplit=0))
for t in ["a,b,,c", ",a,", ",,", "abc", ""]:
    print(repr(t), t.split(","), t.rsplit(","), t.split(",", 1), t.rsplit(",", 1), t.split(",", 0), t.split(sep=",", maxsplit=2))
print("aaa".split("aa"), "aaa".rsplit("aa"), "a--b--c".split("--"), "a--b--c".rsplit("--", 1))
print("1 2 3".split(" ", -5), "€x€y€".split("€"), "€x€y€".rsplit("€", 2))
lines = "first\nsecond\r\nthird\rfourth\x0bfifth\x0c\x1c\x1d\x1e\x85sixth\u2028seventh\u2029\n"
print(lines.splitlines())
print(lines.splitlines(True))
print(lines.splitlines(keepends=True) == lines.splitlines(1))
print("".splitlines(), "\n".splitlines(), "a\n\nb".splitlines(), "no newline".splitlines(True))
for t in ["key=value=x", "novalue", "=start", "end="]:
    print(t.partition("="), t.rpartition("="))
print("€a€b€".partition("€"), "€a€b€".rpartition("€"), "abcabc".rpartition("bc"))
for bad in [lambda: "a".split(""), lambda: "a".rsplit(""), lambda: "a".split(1),
            lambda: "a".split(",", "x"), lambda: "a".split(",", 1, 2), lambda: "a".split(foo=1),
            lambda: "a".split(",", sep=","), lambda: "a".partition(""), lambda: "a".partition(1),
            lambda: "a".rpartition(), lambda: "a".splitlines("x"), lambda: "a".splitlines(1.0),
            lambda: "a".split(None, None)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
