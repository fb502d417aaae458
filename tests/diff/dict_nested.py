# Nested dictionaries and counting patterns.
inventory = {'fruit': {'apple': 3, 'pear': 0}, 'veg': {'kale': 2}}
inventory['fruit']['apple'] += 2
inventory.setdefault('grain', {})['rice'] = 10
print(inventory)
for cat, items in inventory.items():
    total = sum(items.values())
    print(cat, total, sorted(items))
print({k: v for k, v in inventory['fruit'].items() if v})
text = 'one two three two three three'
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts, max(counts, key=counts.get))
groups = {}
for n in range(10):
    groups.setdefault(n % 3, []).append(n)
print(groups)
matrix = {(r, c): r * c for r in range(3) for c in range(3)}
print(matrix[(2, 2)], len(matrix), sum(matrix.values()))
merged = {**inventory['fruit'], **inventory['veg']}
print(merged)
print(list({'a': 1, 'b': 2}.items())[::-1])
deep = {'a': {'b': {'c': {'d': 'deep'}}}}
print(deep['a']['b']['c']['d'], 'b' in deep['a'], 'c' in deep)
d = {1: 'a', 2: 'b'}
for k in list(d):
    if k == 1:
        del d[k]
print(d)
