# hash and id (ids are only compared, never printed).
a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(b), id(a) == id(c), id(a) != id(c))
print(isinstance(id(a), int), isinstance(hash(1), int))
print(hash(5) == hash(5), hash('abc') == hash('abc'), hash((1, 'x')) == hash((1, 'x')))
print(hash(0), hash(1), hash(-1), hash(1.0), hash(2.5), hash(True), hash(False))
print(hash((1, 2, 3)), hash(()), hash((None,)) == hash((None,)))
try:
    hash([1])
except TypeError as e:
    print('TypeError:', e)
try:
    hash({})
except TypeError as e:
    print('TypeError:', e)
try:
    {[1]: 2}
except TypeError as e:
    print('TypeError:', e)
try:
    {(1, [2])}
except TypeError as e:
    print('TypeError:', e)
x = 10
y = x
print(id(x) == id(y), None is None, id(None) == id(None))
def f():
    pass
g = f
print(id(f) == id(g), f is g)
