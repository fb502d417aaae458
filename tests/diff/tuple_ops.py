# Tuples.
t = (1, 'two', 3.0)
print(t, len(t), t[1], t[-1], t[:2], t * 2, t + (4,))
print((), (1,), tuple(), tuple([1, 2]), tuple('ab'), (1) == 1)
print(t.index('two'), (1, 1, 2).count(1), 3.0 in t)
a, b, c = t
print(a, b, c)
print((1, 2) < (1, 3), (1, 2) == (1, 2), (2,) > (1, 9), () < (0,))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], len(nested))
try:
    t[0] = 9
except TypeError as e:
    print('TypeError:', e)
mutable_inside = ([1], 2)
mutable_inside[0].append(3)
print(mutable_inside)
print(hash((1, 2)) == hash((1, 2)), {(1, 2): 'ok'}[(1, 2)])
print(tuple(x * x for x in range(4)), max((3, 9, 2)), sorted((3, 1, 2)))
single = 5,
print(single, type(single))
print(repr((1,)), str(('a', "b'")))
