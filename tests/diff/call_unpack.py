# Calls with * and ** unpacking.
def f(a, b, c=0, *rest, **kw):
    return (a, b, c, rest, sorted(kw.items()))
args = [1, 2]
kwargs = {'c': 3, 'x': 4}
print(f(*args))
print(f(*args, **kwargs))
print(f(*[1, 2, 3, 4, 5]))
print(f(0, *[1], **{'y': 9}))
print(f(*(1, 2), *[3, 4], **{'p': 1}, **{'q': 2}))
print(f(**{'a': 'A', 'b': 'B'}))
print(f(1, *(), 2, **{}))
print(print(*['a', 'b'], sep='-'))
def kwonly(*, x, y):
    return x - y
print(kwonly(**{'y': 1, 'x': 10}))
pairs = [(1, 2), (3, 4)]
print([f(*p) for p in pairs])
print(list(zip(*[[1, 2, 3], [4, 5, 6]])))
print(max(*range(5)), min(*'zebra'))
print('{} {}'.format(*'xy'), '{a}{b}'.format(**{'a': 1, 'b': 2}))
