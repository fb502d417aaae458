# Starred unpacking in assignment and displays.
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = 'hello'
print(init, last)
a, *mid, z = range(6)
print(a, mid, z)
a, *mid, z = [1, 2]
print(a, mid, z)
*everything, = (9, 8)
print(everything)
x, (y, *w) = 1, (2, 3, 4)
print(x, y, w)
merged = [*range(3), *'ab', *[10]]
print(merged)
t = (*[1, 2], 3)
print(t)
s = {*[1, 2], *[2, 3]}
print(sorted(s))
d = {**{'a': 1}, 'b': 2, **{'a': 3}}
print(d)
for head, *tail in [(1, 2, 3), (4,)]:
    print(head, tail)
