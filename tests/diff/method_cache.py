# One call site, receivers of changing types: the method cache remembers
# the last receiver's type and must not hand its method to another type.

for s in [{1}, frozenset({2}), {3}, frozenset({4}), {5}]:
    try:
        s.add(9)
        print(sorted(s))
    except AttributeError as e:
        print("AttributeError", e)

for x in [[3, 1, 3], "a3b3", (3, 3, 3), b"33", [3], "3"]:
    print(type(x).__name__, x.count(3) if not isinstance(x, (str, bytes)) else x.count("3" if isinstance(x, str) else b"3"))

for v in [7, True, 2.5, 10**30, -3, False, 0.5]:
    try:
        print(v.bit_length())
    except AttributeError as e:
        print("AttributeError", e)
    print(v.conjugate(), v.is_integer() if isinstance(v, float) else "-")

for d in [{"a": 1}, [1, 2], {"b": 2}, "x"]:
    try:
        print(d.copy())
    except AttributeError as e:
        print("AttributeError", e)
