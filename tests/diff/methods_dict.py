# dict methods.
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d.get(1.0, "f"), {1: "one"}.get(1.0), {1: "one"}.get(True))
print(list(d.keys()), list(d.values()), list(d.items()), len(d.keys()), "a" in d.keys(), ("a", 1) in d.items())
ks = d.keys(); d["c"] = 3; print(list(ks), list(d.values()))
print(d.setdefault("a", 100), d.setdefault("n"), d.setdefault("m", [1]), d)
print(d.pop("n"), d.pop("zz", "dflt"), d.pop("m"), d)
print(d.popitem(), d)
d.update({"x": 10, "a": -1}); print(d)
d.update([("y", 20), ["z", 30]], w=40); print(d)
d.update(k=1); d.update(); d.update(d); print(d)
d.update(zip("pq", range(2))); print(d)
d.update({"x": 0}.items()); print(d)
e = d.copy(); e["new"] = 1; print(len(d), len(e), e is d, e == d)
e.clear(); print(e, d.get("y"))
print(dict.fromkeys("abc"), dict.fromkeys(range(3), 0), dict.fromkeys([]), {}.fromkeys((1, 2), "v"))
m = {}
for w in "the quick the lazy the end quick".split():
    m[w] = m.get(w, 0) + 1
print(sorted(m.items()), max(m, key=m.get))
g = {}
for i in range(10):
    g.setdefault(i % 3, []).append(i)
print(g)
n = {1: "a", 2: "b"}
while n:
    print(n.popitem(), end=" ")
print()
big = {i: i * i for i in range(100)}
for i in range(0, 100, 3):
    big.pop(i)
print(len(big), list(big)[:10], big.popitem(), sum(big.values()))
for bad in [lambda: {}.pop(1), lambda: {}.pop([]), lambda: {}.popitem(), lambda: {}.get(),
            lambda: {}.get(1, 2, 3), lambda: {}.get([]), lambda: {}.pop(), lambda: {}.setdefault(),
            lambda: {}.setdefault({}), lambda: {}.update(1), lambda: {}.update([1]),
            lambda: {}.update([(1, 2, 3)]), lambda: {}.update(["ab", "c"]), lambda: {}.update(1, 2),
            lambda: {}.update([([], 1)]), lambda: {}.keys(1), lambda: {}.copy(1), lambda: {}.clear(1),
            lambda: dict.fromkeys(), lambda: dict.fromkeys(1), lambda: dict.fromkeys([[1]]),
            lambda: {}.pop("k", default=1), lambda: {}.items(x=1)]:
    try:
        print(bad())
    except Exception as ex:
        print(type(ex).__name__, ex)
try:
    {"k": 1}.pop("q")
except KeyError as ex:
    print("KeyError", ex, ex.args)
