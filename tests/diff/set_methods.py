# set methods on small ints.
s = {3, 1, 2}
print(s, len(s), 2 in s)
s.add(5); s.add(1)
print(s)
s.discard(10); s.discard(3)
print(s)
s.remove(5)
print(s)
try:
    s.remove(42)
except KeyError as e:
    print('KeyError:', e)
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a.union(b), a.intersection(b), a.difference(b), b.difference(a))
print(a.symmetric_difference(b), a.union([7], (8,)), a.isdisjoint({9}))
print(a.issubset({1, 2, 3, 4, 5}), a.issuperset({1, 2}), set().issubset(a))
c = a.copy()
c.clear()
print(c, a)
print(set(), set([1, 1, 2]), set(range(5)), set((4, 4)))
u = {1}
u.update([2, 3], {4})
print(u)
p = {5, 6}
print(p.pop() in (5, 6), len(p))
print(sorted({10, 5, 7, 1}), min({4, 2, 8}), max({4, 2, 8}), sum({1, 2, 3}))
