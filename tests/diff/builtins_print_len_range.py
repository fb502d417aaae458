# print(), len() and range() in detail.
print()
print(1, 'a', None, 2.5, [1, 'b'], (3,), {'k': 1})
print('a', 'b', sep='')
print('a', 'b', sep=None, end=None)
print('x', end='')
print('y', end='|\n')
print(*[1, 2, 3], sep=' + ', end=' = 6\n')
print('flush', flush=True)
print('f', flush=0)
print('file none', file=None)
print(sep='-')
print(True, False, -0.0, 1e16, 1e-7, 2 ** 70)
for bad in [dict(sep=1), dict(end=[]), dict(x=1)]:
    try:
        print('never', **bad)
    except TypeError as e:
        print('TypeError:', e)
d = {'a': 1, 'b': 2, 'c': 3}
print(len(d), len(d.keys()), len(d.values()), len(d.items()))
print(len(''), len('héllo'), len(b''), len(bytes(5)), len(range(0)), len(range(10, 0, -3)))
print(len(range(-5, 5, 2)), len(range(5, -5, -2)), len(range(0, 10, 20)), len(range(3, 3)))
print(len(set()), len(frozenset([1, 2, 2])), len(((),)), len([[]] * 4))
for bad in [5, 2.5, None, True, iter([]), len]:
    try:
        len(bad)
    except TypeError as e:
        print('TypeError:', e)
try:
    len()
except TypeError as e:
    print('TypeError:', e)
try:
    len([1], [2])
except TypeError as e:
    print('TypeError:', e)
print(range(5), range(1, 5), range(1, 5, 2), range(5, 1, -1), range(0))
print(list(range(10, 0, -3)), list(range(-3, 3)), list(range(0, -10, -4)))
print(range(3) == range(0, 3), range(0) == range(5, 1), range(1, 2, 5) == range(1, 3, 7))
print(list(range(True, 5)), list(range(2 ** 40, 2 ** 40 + 2)))
print(3 in range(0, 10, 3), 4 in range(0, 10, 3), -1 in range(0, -5, -1))
for args in [(1.5,), ('a',), (1, 2, 0), (), (1, 2, 3, 4), (None, 5)]:
    try:
        range(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
try:
    range(stop=5)
except TypeError as e:
    print('TypeError:', e)
r = range(1, 20, 4)
print(r.start, r.stop, r.step, r[1], r[-1], list(r[1:3]), len(r))
print(sum(range(1, 101)), max(range(7)), min(range(3, 9)), sorted(range(5, 0, -1)))
