# len, range, enumerate.
print(len([]), len('abc'), len((1, 2)), len({1: 2}), len({1, 2, 3}), len(range(7)), len(b'xy'))
for i, c in enumerate('abc'):
    print(i, c)
for i, c in enumerate('abc', start=10):
    print(i, c)
print(list(enumerate([5, 6], 1)), list(enumerate([], 3)), list(enumerate('x', -1)))
e = enumerate(['p', 'q'])
print(next(e), next(e))
for n in range(3):
    print('range', n)
for n in range(1, 10, 4):
    print('step', n)
print(list(range(-3)), list(range(-3, 0)), list(range(3, -4, -3)))
try:
    len(5)
except TypeError as e:
    print('TypeError:', e)
d = {'a': 1, 'b': 2}
for i, (k, v) in enumerate(d.items()):
    print(i, k, v)
