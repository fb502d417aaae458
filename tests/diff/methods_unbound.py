# Methods looked up on the type (unbound), and class methods.
print(str.upper("abc"), str.join("-", ["a", "b"]), str.split("a b"), str.replace("aXa", "X", "-"))
l = []
list.append(l, 1); list.extend(l, [2, 3]); print(l, list.index(l, 2), list.count(l, 3))
print(list(map(str.strip, [" a ", "b  "])), sorted(["b", "C", "a"], key=str.lower))
print(dict.get({"k": 1}, "k"), dict.fromkeys("ab", 0), int.from_bytes(b"\x01\x02", "big"), float.fromhex("0x1p3"))
print(set.union({1}, [2]), frozenset.union(frozenset([1]), [3]), tuple.count((1, 1), 1), bytes.hex(b"\x0f"))
print(int.bit_length(255), float.is_integer(2.0), str.format("{}!", 1), str.startswith("abc", "a"))
f = "x,y".split
print(f(","), f())
g = [3, 1, 2].copy
print(g(), type("abc".upper).__name__)
for bad in [lambda: str.upper(1), lambda: list.append((), 1), lambda: dict.get([], 1), lambda: str.upper()]:
    try:
        print(bad())
    except Exception as ex:
        print(type(ex).__name__, ex)
