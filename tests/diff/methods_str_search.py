# str searching methods: find/rfind/index/rindex/count/startswith/endswith.
s = "abracadabra"
for sub in ["a", "abra", "cad", "z", "", "ra"]:
    print(repr(sub), s.find(sub), s.rfind(sub), s.count(sub))
for args in [(1,), (-4,), (2, 8), (-100, 100), (5, 2), (11,), (12,), (None, 4), (3, None)]:
    print(args, s.find("a", *args), s.rfind("a", *args), s.count("a", *args),
          s.find("", *args), s.rfind("", *args), s.count("", *args))
print(s.index("b"), s.rindex("b"), s.index("a", 1), s.rindex("a", 0, -1))
print(s.startswith("abr"), s.startswith("bra", 1), s.startswith("bra", 1, 3),
      s.endswith("bra"), s.endswith("cad", 0, 7), s.endswith("a", -1))
print(s.startswith(("x", "ab")), s.endswith(("x", "y")), s.startswith(()))
print("abc".startswith("", 3), "abc".startswith("", 4), "abc".endswith("", 3), "abc".endswith("", 4))
print(s.find("a", 2**70), s.find("a", -2**70), s.count("a", 0, 2**70))
# Non-ASCII text: indexes count code points.
u = "héllo wörld ñ €uro €"
print(u.find("ö"), u.rfind("€"), u.index("wö"), u.count("l"), u.find("l", 4), u.rfind("o", 0, 10))
print(u.startswith("hé"), u.endswith("€"), u.startswith("llo", 2), u.endswith("ñ", 0, 13))
print("日本語のテキスト".find("テ"), "日本語のテキスト".count(""), "日本語".rfind(""))
for bad in [lambda: s.index("zz"), lambda: s.rindex("zz"), lambda: s.find(1),
            lambda: s.count(None), lambda: s.startswith(1), lambda: s.endswith(["a"]),
            lambda: s.startswith(("a", 1)), lambda: s.startswith(("x", 1)),
            lambda: s.find("a", 1.5), lambda: s.find(), lambda: s.count("a", 1, 2, 3),
            lambda: s.index("a", 5, 6), lambda: "x".find("a", start=1)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
