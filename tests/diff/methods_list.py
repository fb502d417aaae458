# list methods, with CPython's sort (timsort) behaviour on odd inputs.
l = [5, 3]
l.append([1]); l.extend(range(3)); l.extend((7,)); l.extend("ab"); l.extend({9: 0}); print(l)
l.insert(-100, "s"); l.insert(2**3, "m"); l.insert(len(l), "e"); l.insert(-1, "p"); print(l)
print(l.pop(), l.pop(0), l.pop(-1), l.pop(2), l)
print(l.index(0), l.index(0, 2), l.index("a", -3), l.index(7, 0, 100), l.count(0), l.count([1]), l.count("zz"))
l.insert(1, [1])
l.remove([1]); print(l)
c = l.copy(); c.reverse(); print(c, l)
l.clear(); print(l, c.copy() == c, c.copy() is c)
nan = float("nan")
data = [3.0, nan, 1.0, 2.0, nan, 0.5, -1.0]
data.sort(); print(data)
data = [nan, 5, 1, nan, 3, 2]
data.sort(reverse=True); print(data)
pairs = [(1, "a"), (0, "b"), (1, "c"), (0, "d"), (2, "e"), (1, "f")]
print(sorted(pairs, key=lambda p: p[0]))
p2 = list(pairs); p2.sort(key=lambda p: p[0], reverse=True); print(p2)
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
words.sort(key=str.lower); print(words)
words.sort(key=len, reverse=True); print(words)
words.sort(); print(words)
calls = []
def k(x):
    calls.append(x)
    return -x
nums = [4, 1, 3]
nums.sort(key=k); print(nums, calls)
# A long pseudo-random list with runs, duplicates and NaNs (timsort's galloping).
seed = 12345
vals = []
for i in range(3000):
    seed = (seed * 1103515245 + 12345) % 2**31
    r = seed % 1000
    if r < 30:
        vals.append(nan)
    elif r < 300:
        vals.append(float(i % 50))
    else:
        vals.append(float(r))
vals.sort()
print([i for i, v in enumerate(vals) if v != v][:20])
print(sum(v * (i % 7) for i, v in enumerate(vals) if v == v))
vals2 = [(v if v == v else -1.0, i) for i, v in enumerate(vals)]
vals2.sort(key=lambda t: t[0], reverse=True)
print(vals2[:5], vals2[-5:])
asc = list(range(200)) + list(range(100)) + [5] * 50 + list(range(300, 0, -1))
asc.sort(); print(asc[::37], len(asc))
# Errors: a failing comparison leaves a permutation, a failing key leaves the list.
e = [3, 1, "a", 2, 0]
try:
    e.sort()
except TypeError as ex:
    print("TypeError", ex, e)
e = [5, 4, 3, 2, 1, 0, "x", 7, 8, 9]
try:
    e.sort(reverse=True)
except TypeError as ex:
    print("TypeError", ex, e)
e = [1, 2, 0, 4]
try:
    e.sort(key=lambda x: 10 // x)
except ZeroDivisionError as ex:
    print("ZeroDivisionError", ex, e)
m = [3, 1, 2]
try:
    m.sort(key=lambda x: m.append(x) or x)
except ValueError as ex:
    print("ValueError", ex, m)
for bad in [lambda: [].pop(), lambda: [1].pop(5), lambda: [1].pop(-2), lambda: [1].pop("0"),
            lambda: [1].pop(2**70), lambda: [1, 2].remove(3), lambda: [1].index(2),
            lambda: [1, "a"].index("b"), lambda: [1].index(1, 1), lambda: [1].index(1, None),
            lambda: [1].index(), lambda: [].append(), lambda: [].append(1, 2), lambda: [].append(x=1),
            lambda: [].insert(1), lambda: [].insert("a", 1), lambda: [].extend(5),
            lambda: [].sort(1), lambda: [].sort(foo=1), lambda: [2, 1].sort(key=1),
            lambda: [1].sort(reverse="x"), lambda: [].reverse(1), lambda: [].count(),
            lambda: [].clear(1), lambda: [].index(1, 2, 3, 4)]:
    try:
        print(bad())
    except Exception as ex:
        print(type(ex).__name__, ex)
t = (1, 2, 1, "a", 1)
print(t.count(1), t.index(1), t.index(1, 1), t.index(1, -1), t.index("a", 0, 4), t.count(9))
for bad in [lambda: t.index(9), lambda: t.index(1, 5), lambda: t.index(), lambda: t.count(),
            lambda: t.index(1, None)]:
    try:
        print(bad())
    except Exception as ex:
        print(type(ex).__name__, ex)
# The key function runs even for a single item.
try:
    [(1, 2)].sort(key=lambda x: -x)
except TypeError as ex:
    print("TypeError", ex)
one = ["x"]
one.sort(key=lambda s: print("key of", s)); print(one)
