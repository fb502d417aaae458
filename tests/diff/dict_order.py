# dict preserves insertion order, also after deletions and updates.
d = {}
for k in ['zeta', 'alpha', 'mid', 'beta']:
    d[k] = len(k)
print(d)
print(list(d), [k for k in d])
d['alpha'] = 99
print(list(d.items()))
del d['zeta']
d['zeta'] = 0
print(list(d))
for k, v in d.items():
    print(k, v)
print({3: 'c', 1: 'a', 2: 'b'})
print({'b': 1, 'a': 2} == {'a': 2, 'b': 1})
n = {i: i * i for i in range(10, 0, -1)}
print(list(n.keys()))
print(list(reversed(d)), list(reversed(d.values())))
r = dict(sorted(d.items(), key=lambda kv: kv[1]))
print(r)
try:
    for k in d:
        d['new key'] = 1
except RuntimeError as e:
    print('RuntimeError:', e)
