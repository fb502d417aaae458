# Tuple/list unpacking.
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
[f, g] = [6, 7]
print(f, g)
h, = [8]
print(h)
for k, v in [(1, 'one'), (2, 'two')]:
    print(k, v)
for i, (x, y) in enumerate([(1, 2), (3, 4)]):
    print(i, x, y)
s1, s2, s3 = 'abc'
print(s1, s2, s3)
r1, r2 = range(2)
print(r1, r2)
lst = [0, 0]
lst[0], lst[1] = 'L', 'R'
print(lst)
dd = {}
dd['x'], dd['y'] = 1, 2
print(dd)
p, q = {'k1': 1, 'k2': 2}
print(p, q)
a, b, c = [1, 2, 3][::-1]
print(a, b, c)
