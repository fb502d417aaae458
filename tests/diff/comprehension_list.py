# List comprehensions.
print([x * x for x in range(10)])
print([x for x in range(20) if x % 3 == 0])
print([x for x in range(30) if x % 2 if x % 3])
print([c.upper() for c in 'hello'])
print([(i, j) for i in range(3) for j in range(i)])
print([[i * j for j in range(4)] for i in range(3)])
print([y for row in [[1, 2], [3], []] for y in row])
print([a + b for a, b in zip([1, 2, 3], [10, 20, 30])])
print([i for i, v in enumerate('abcabc') if v == 'b'])
print([len(w) for w in 'the quick brown fox'.split()])
x = 'outer'
res = [x for x in range(3)]
print(x, res)
print([n for n in range(2, 30) if all(n % d for d in range(2, n))])
print([(lambda k: k * 2)(v) for v in (1, 2)])
print([[0] * 3 for _ in range(2)])
print([v if v > 2 else 0 for v in range(5)])
print([k for k in {'b': 1, 'a': 2}])
