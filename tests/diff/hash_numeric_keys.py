# int/float/bool hashing consistency and dict keys.
d = {1: 'a'}
print(d[1.0], d[True])
d[1.0] = 'b'
print(d)
d[True] = 'c'
print(d, len(d))
e = {True: 'yes', 0: 'zero'}
e[False] = 'no'
e[1] = 'one'
print(e)
print(hash(1) == hash(1.0) == hash(True), hash(0) == hash(0.0) == hash(False) == hash(-0.0))
print(hash(42), hash(-1), hash(-2), hash(0), hash(1.5), hash(-1.5), hash(0.5))
print(hash(2 ** 61 - 2), hash(10 ** 20), hash(float(2 ** 70)) == hash(2 ** 70))
print(hash(()), hash((1, 2)), hash((1, (2, 3))), hash((1.0, 2)) == hash((1, 2)))
print(hash(True), hash(None) == hash(None), hash(1e100) == hash(10 ** 100))
s = {1, 1.0, True, 2, 2.0}
print(len(s), sorted(s))
keys = {(1, 2): 'tuple key', 3.5: 'float key', -7: 'neg'}
print(keys[(1, 2)], keys[3.5], keys[-7], keys.get(3.50))
print({0: 'z'}.get(0.0), {2 ** 70: 'big'}.get(float(2 ** 70)))
print(1.0 in {1, 2}, 2 in {2.0}, {1: 1} == {1.0: 1})
print(hash(float('inf')), hash(float('-inf')))
