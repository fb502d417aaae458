# is / is not / in / not in.
a = [1, 2, 3]
b = a
c = [1, 2, 3]
print(a is b, a is c, a == c, a is not c)
print(None is None, True is True, False is not None)
print(2 in a, 5 in a, 5 not in a, not 5 in a)
print('ell' in 'hello', 'xyz' in 'hello', '' in 'abc')
print('k' in {'k': 1}, 1 in {'k': 1}, 'v' in {'k': 'v'}.values())
print(3 in {1, 2, 3}, (1, 2) in [(1, 2)], [1] in [[1]])
print(2 in range(0, 10, 2), 3 in range(0, 10, 2), -1 in range(-5, 0))
print(1.0 in [1], True in [1], 0 in [False])
x = None
if x is None:
    print('x is None')
t = ()
print(t is not None, len(t) == 0)
print(5 in (1, 2, 5), 'a' not in ('b', 'c'))
print(b'ab' in b'cabd', 97 in b'a')
n = float('nan')
print(n in [n], n == n)
