# Chained assignment and aliasing.
a = b = c = 0
print(a, b, c)
a = 5
print(a, b, c)
x = y = []
x.append(1)
print(x, y, x is y)
p = q = r = 'same'
print(p, q, r)
l = [0, 0, 0]
i = l[0] = 2
print(i, l)
d = {}
d['a'] = d['b'] = 7
print(sorted(d.items()))
m, n = o = (1, 2)
print(m, n, o)
