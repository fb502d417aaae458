# zip, reversed, sorted.
print(list(zip([1, 2, 3], 'abc')))
print(list(zip([1, 2, 3], 'ab')), list(zip()), list(zip([1])))
print(list(zip(range(3), range(10, 13), range(20, 23))))
names = ['a', 'b']
ages = [1, 2]
print(dict(zip(names, ages)))
for n, a in zip(names, ages):
    print(n, a)
print(list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed(range(4))))
print(list(reversed((1, 2))), ''.join(reversed('hello')))
r = reversed([10, 20])
print(next(r), next(r), next(r, 'done'))
print(sorted([3, 1, 2]), sorted('cba'), sorted([3, 1, 2], reverse=True))
print(sorted({'b': 1, 'a': 2}.items(), key=lambda kv: kv[1]))
x, y = zip(*[(1, 'a'), (2, 'b')])
print(x, y)
print(list(zip('ab', zip('cd', 'ef'))))
