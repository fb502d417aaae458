# dict methods.
d = {'a': 1, 'b': 2}
print(d.get('a'), d.get('z'), d.get('z', 0), d['b'])
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.pop('a'), d.pop('zz', 'dflt'), d)
print(d.setdefault('b', 100), d.setdefault('c', 3), d)
d.update({'d': 4, 'b': 20})
d.update(e=5)
d.update([('f', 6)])
print(d)
c = d.copy()
c['new'] = 1
print(len(d), len(c), 'new' in d)
print(d.popitem(), d)
d.clear()
print(d, len(d))
try:
    d.popitem()
except KeyError as e:
    print('KeyError:', e)
try:
    {}.pop('x')
except KeyError as e:
    print('KeyError:', e)
print(dict.fromkeys(['x', 'y'], 0), dict.fromkeys('ab'))
k = {'one': 1}.keys()
print('one' in k, len(k), k)
print({'a': 1}.values(), {'a': 1}.items())
print(dict([(1, 2), (3, 4)]), dict(zip('abc', range(3))), dict(a=1))
e = {1: 'x'}
e |= {2: 'y'}
print(e, {1: 1} | {1: 2})
