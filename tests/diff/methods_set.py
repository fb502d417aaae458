# set and frozenset methods; only small non-negative ints are printed as sets,
# and their printed order is CPython's hash-table order.
a = {1, 2, 3, 40, 8, 16}
b = {3, 8, 5, 24, 32}
print(a.union(b), a.union([9, 0], (64, 1)), a.union(), a.union(a), a.union({9: 1, 72: 2}))
print(a.intersection(b), a.intersection([8, 8, 3, 99]), a.intersection(b, [3]), a.intersection(), a.intersection(a))
print(a.difference(b), a.difference([1, 2]), a.difference(b, {40}), a.difference(), a.difference(a), a.difference({1: 0}))
print(a.symmetric_difference(b), a.symmetric_difference([1, 7, 1]), a.symmetric_difference(a), b.symmetric_difference({3: 0, 99: 0}))
print(a.issubset(a), {1, 2}.issubset(a), {1, 99}.issubset(range(100)), a.issuperset([1, 2]), a.issuperset(b),
      a.isdisjoint(b), a.isdisjoint([100, 200]), set().isdisjoint(set()), a.issuperset(a), a.isdisjoint(a))
s = set()
s.add(5); s.add(13); s.add(21); s.add(5); s.add(29); print(s)
s.discard(13); s.discard(99); print(s)
s.remove(21); print(s)
s.update([37, 45], {53}, {61: 0}, range(3)); print(s)
s.update(s); print(s)
s.difference_update([0, 1], {2}); print(s)
s.intersection_update([5, 29, 37, 45, 53, 99]); print(s)
s.symmetric_difference_update([5, 6, 7]); print(s)
s.symmetric_difference_update({6: 1, 100: 2}); print(s)
s.symmetric_difference_update(s); print(s)
t = set(range(20))
popped = [t.pop() for _ in range(5)]
print(popped, t)
t.add(0); t.add(1); print(t.pop(), t.pop(), t)
u = {8, 16, 24, 32, 40, 48}
u.discard(16); u.add(56); u.add(16); print(u, u.copy())
c = u.copy(); c.clear(); print(c, u)
w = set(range(0, 64, 8)); w.difference_update(range(0, 64, 16)); print(w)
big = set(range(100)); big.difference_update(range(0, 100, 3)); print(len(big), sorted(big)[:5], big.pop(), big.pop())
f = frozenset([3, 1, 2])
print(f.union([5]), f.intersection({1, 2, 9}), f.difference([1]), f.symmetric_difference({3, 4}),
      f.copy() is f, f.issubset({1, 2, 3, 4}), f.issuperset([1]), f.isdisjoint([0]))
print(type(f.union()).__name__, type({1}.union(f)).__name__, f == {1, 2, 3}, {f} == {frozenset({1, 2, 3})})
n = {frozenset([1]), 2}
n.remove({1}); print(n)
n.discard({2}); print(n, {frozenset()}.issuperset([frozenset()]))
names = {"b", "a", "c"}
names.update(["d"]); print(sorted(names), sorted(names.union("xy")), sorted(names - {"a"}))
for bad in [lambda: set().remove(1), lambda: set().pop(), lambda: set().add([]), lambda: set().add(),
            lambda: set().discard([]), lambda: set().union(1), lambda: set().update([[]]),
            lambda: set().union(x=1), lambda: set().issubset(), lambda: set().isdisjoint(1),
            lambda: set().symmetric_difference(), lambda: set().intersection([{}]),
            lambda: {1}.difference_update(5), lambda: set().clear(1), lambda: frozenset().copy(1),
            lambda: set().issuperset([[]]), lambda: {1}.symmetric_difference_update()]:
    try:
        print(bad())
    except Exception as ex:
        print(type(ex).__name__, ex)
try:
    {1}.remove(2)
except KeyError as ex:
    print("KeyError", ex, ex.args)
