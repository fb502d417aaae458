# min / max / sum with key= and default=.
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max('hello'), min((2.5, 2)))
print(max([], default='empty'), min([], default=None), max([1], default=0))
print(max(['aa', 'b', 'cccc'], key=len), min(['aa', 'b', 'cccc'], key=len))
print(max([(1, 'b'), (1, 'a')]), min({3: 'x', 1: 'y'}), max({3: 'x', 1: 'y'}.values()))
print(max(-3, 2, key=abs), min(-3, 2, key=abs), max([1, 1.0]), max([1.0, 1]))
print(max([2, 5, 5, 1], key=lambda v: -v), max('a', 'b', key=str.upper))
print(sum([1, 2, 3]), sum([1, 2, 3], 10), sum([]), sum([0.5, 0.25]), sum(range(101)))
print(sum([[1], [2, 3]], []), sum([(1,), (2,)], ()), sum([True, True, False]))
print(sum([1e100, 1.0, -1e100]), sum([0.1] * 10), sum([2 ** 64, 2 ** 64]))
print(min(x * x for x in range(-5, 5)), max((len(s), s) for s in ['x', 'yy', 'zz']))
try:
    max([])
except ValueError as e:
    print('ValueError:', e)
try:
    min(1)
except TypeError as e:
    print('TypeError:', e)
try:
    sum(['a', 'b'], '')
except TypeError as e:
    print('TypeError:', e)
