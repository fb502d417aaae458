# del on names, subscripts and slices.
x = 1
del x
try:
    print(x)
except NameError as e:
    print('NameError:', e)
l = list(range(10))
del l[0]
print(l)
del l[-1]
print(l)
del l[2:4]
print(l)
del l[::2]
print(l)
del l[:]
print(l)
d = {'a': 1, 'b': 2, 'c': 3}
del d['b']
print(d)
try:
    del d['zzz']
except KeyError as e:
    print('KeyError:', e)
a, b = 1, 2
del a, b
nested = [[1, 2], [3, 4]]
del nested[1][0]
print(nested)
def f():
    y = 5
    del y
    try:
        return y
    except UnboundLocalError as e:
        return 'UnboundLocalError: ' + str(e)
print(f())
m = list(range(10))
del m[8:2:-2]
print(m)
