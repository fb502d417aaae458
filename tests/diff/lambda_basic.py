# Lambdas.
sq = lambda x: x * x
print(sq(7))
add = lambda a, b=10: a + b
print(add(1), add(1, 2))
print((lambda: 'no args')())
print((lambda *a, **k: (a, sorted(k)))(1, 2, z=3))
pairs = [(1, 'b'), (3, 'a'), (2, 'c')]
print(sorted(pairs, key=lambda p: p[1]))
print(sorted(pairs, key=lambda p: -p[0]))
print(list(map(lambda x: x + 1, [1, 2, 3])))
print(list(filter(lambda x: x % 2, range(10))))
make_adder = lambda n: lambda x: x + n
print(make_adder(5)(10))
fs = [lambda x, i=i: x + i for i in range(3)]
print([f(100) for f in fs])
print((lambda x: 'pos' if x > 0 else 'nonpos')(-1))
compose = lambda f, g: lambda x: f(g(x))
print(compose(sq, add)(2))
