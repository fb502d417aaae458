# str: join, strip, replace, padding, zfill, expandtabs, affixes, encode, format.
def show(ex):
    name = type(ex).__name__
    if name.startswith("Unicode"):
        name = "UnicodeError"  # the codec errors are UnicodeError subclasses
    print(name, ex)
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"), "€".join(["1", "2"]), "x".join(["only"]))
print("+".join(str(i) for i in range(5)), "".join({"k": 1, "j": 2}), " ".join(("t", "u")))
for t in ["  hi  ", "\t\nhi\x1c", "xxhixx", "", "   "]:
    print(repr(t.strip()), repr(t.lstrip()), repr(t.rstrip()), repr(t.strip("x")), repr(t.strip(None)))
print("www.example.com".strip("cmowz."), "<<a>>".lstrip("<"), "<<a>>".rstrip("<>"), "ñañ".strip("ñ"))
print("aaaa".replace("a", "b"), "aaaa".replace("a", "b", 2), "aaaa".replace("aa", "c"), "abc".replace("", "-"),
      "abc".replace("", "-", 2), "abc".replace("x", "y"), "abc".replace("b", ""), "€a€".replace("€", "EUR"),
      "abc".replace("a", "z", 0), "abc".replace("a", "z", -1))
for w in [0, 3, 5, 8, -1]:
    print(w, repr("abc".center(w)), repr("abc".ljust(w, "*")), repr("abc".rjust(w, "€")), repr("ab".center(w, "-")))
for t in ["42", "-42", "+42", "", "abc", "-", "€1"]:
    print(repr(t), t.zfill(5), t.zfill(1))
print(repr("a\tbc\tdef\tg".expandtabs()), repr("a\tb".expandtabs(4)), repr("12345678\tx".expandtabs(8)),
      repr("a\r\tb\n\tc".expandtabs(3)), repr("a\tb".expandtabs(0)), repr("a\tb".expandtabs(-2)), repr("x\ty".expandtabs(tabsize=2)))
print("prefix_body".removeprefix("prefix_"), "prefix_body".removeprefix("body"), "a.py".removesuffix(".py"),
      "a.py".removesuffix(""), "".removeprefix("x"))
print("abc".encode(), "héllo".encode(), "héllo".encode("utf-8"), "héllo".encode("latin-1"),
      "héllo".encode("ascii", "ignore"), "héllo".encode("ascii", "replace"), "€".encode("UTF8"),
      "héllo€".encode("ascii", "backslashreplace"), "é".encode("ascii", "xmlcharrefreplace"))
print("{} and {}".format("a", "b"), "{1}{0}".format("x", "y"), "{x}-{y}".format(x=1, y=2),
      "{:>6}|{:<4}|{:^5}".format("r", "l", "c"), "{:,}".format(1234567), "{:.3f}".format(3.14159))
for bad in [lambda: "-".join([1, 2]), lambda: "-".join(["a", 2]), lambda: "-".join(5),
            lambda: "a".strip(1), lambda: "a".lstrip(1), lambda: "a".rstrip(1, 2),
            lambda: "a".replace("a"), lambda: "a".replace(1, "b"), lambda: "a".replace("a", 2),
            lambda: "a".replace("a", "b", None), lambda: "a".replace("a", "b", count=1),
            lambda: "a".center(), lambda: "a".center(5, "ab"), lambda: "a".center(5, 1),
            lambda: "a".ljust(2.0), lambda: "a".zfill(), lambda: "a".zfill("5"),
            lambda: "a".removeprefix(1), lambda: "é".encode("ascii"), lambda: "éü".encode("ascii"),
            lambda: "a€b".encode("latin-1"), lambda: "a".encode("nope"), lambda: "a".encode(1),
            lambda: "a".expandtabs("x"), lambda: "a".center(2**70)]:
    try:
        print(bad())
    except Exception as e:
        show(e)
