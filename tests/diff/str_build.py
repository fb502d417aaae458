# Strings built by concatenation, join, lower/upper and slicing: their
# length in code points, indexing, hashing and identity must be CPython's
# for ASCII and non-ASCII text alike (mini keeps the code point count
# with the text and adds the counts up instead of counting again).
import sys

words = ["abc", "", "héllo", "日本語", "MiXeD", "ÅSTRÖM", "x" * 100, "e\u0301"]
for a in words:
    for b in words:
        c = a + b
        print(repr(c), len(c), c[len(a):] == b, c[-1:] if c else "", hash(c) == hash(a + b))
for sep in ["", ", ", "—", "\n"]:
    j = sep.join(words)
    print(len(j), j.count(sep) if sep else 0, j[:12], j[-8:], j.split(sep) == words if sep else True)
print(",".join([]), repr("".join(["only"])), ",".join(["ab"]) == "ab")
for w in words:
    lo, up = w.lower(), w.upper()
    print(repr(lo), repr(up), len(lo), len(up), lo is w, up.lower() == lo)
s = "Hello"
low = s.lower()
print(low, low is s, sys.getrefcount(low), s.upper() is s.upper())
keys = {}
for w in words:
    keys[(w + "!").lower()] = len(w)
print(keys["abc!"], keys["日本語!"], "héllo!" in keys, ("HÉLLO" + "!").lower() in keys)
parts = []
for i in range(200):
    parts.append(str(i) + "ü")
joined = "".join(parts)
print(len(joined), joined[-4:], joined.index("199"), sys.getrefcount(joined))
try:
    "a" + 1
except TypeError as e:
    print("TypeError", e)
try:
    ",".join(["a", 2])
except TypeError as e:
    print("TypeError", e)
