# iter / next, with and without default.
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, 'default'), next(it, None))
try:
    next(it)
except StopIteration as e:
    print('StopIteration', repr(e))
s = iter('ab')
print(next(s), list(s), list(s))
d = iter({'x': 1, 'y': 2})
print(next(d), next(d))
r = iter(range(10, 13))
print(list(r))
t = iter((5,))
print(next(t), next(t, 'end'))
m = map(lambda x: x * 2, [1, 2, 3])
print(next(m), list(m))
z = zip('ab', 'cd')
print(next(z), next(z), next(z, 'no more'))
i = iter([1, 2, 3, 4])
for v in i:
    if v == 2:
        break
print(list(i))
e = enumerate('xyz')
print(next(e), list(e))
it2 = iter([])
print(next(it2, 'empty'))
a = iter([1, 2])
b = iter(a)
print(a is b, next(b), next(a))
