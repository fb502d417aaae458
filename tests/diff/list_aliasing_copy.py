# Aliasing, shallow copies and mutation through references.
a = [1, [2, 3]]
b = a
c = a[:]
d = list(a)
e = a.copy()
a[0] = 'changed'
a[1].append(4)
print(a, b, c, d, e)
print(c[1] is a[1], c is a)
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
bad = [[0] * 3] * 3
bad[1][1] = 5
print(bad)
def mutate(lst):
    lst.append('added')
    lst = ['rebound']
    return lst
orig = [1]
print(mutate(orig), orig)
dd = {'l': []}
dd2 = dd.copy()
dd2['l'].append(1)
dd2['x'] = 2
print(dd, dd2)
s = {1, 2}
t = s
t.add(3)
print(s)
tup = (1, [2])
tup[1].append(3)
print(tup)
x = y = [1]
x += [2]
print(y)
x = x + [3]
print(x, y)
