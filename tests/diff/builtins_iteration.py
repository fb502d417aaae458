# enumerate, zip, reversed, sorted, iter, next, any, all, map, filter.
print(list(enumerate('ab')), list(enumerate('ab', 5)), list(enumerate('ab', start=-1)))
print(list(enumerate([], 3)), list(enumerate('x', 2 ** 70)), list(enumerate('xy', True)))
e = enumerate(iter([10, 20, 30]))
print(next(e), list(e), list(e))
for call in [lambda: enumerate(), lambda: enumerate(5), lambda: enumerate([], 1.5), lambda: enumerate([], x=1),
             lambda: enumerate([], 1, 2)]:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
print(list(zip()), list(zip('abc')), list(zip('abc', [1, 2])), list(zip(*['ab', 'cd', 'ef'])))
print(list(zip(range(3), 'abc', strict=True)), list(zip([], [], strict=True)))
for args in [([1, 2], [1]), ([1], [1, 2]), ([1], [1], [1, 2]), ([1, 2], [1, 2], [1])]:
    try:
        list(zip(*args, strict=True))
    except ValueError as e:
        print('ValueError:', e)
for call in [lambda: zip(1), lambda: zip([], None), lambda: zip([], foo=1)]:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
z = zip([1, 2, 3], 'ab')
print(next(z), next(z), next(z, 'done'))
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed('abc')), list(reversed(range(1, 10, 3))))
print(list(reversed(range(0))), list(reversed(range(5, 0, -2))), list(reversed(b'ab')), list(reversed({'x': 1, 'y': 2})))
d = {'x': 1, 'y': 2, 'z': 3}
print(list(reversed(d.keys())), list(reversed(d.values())), list(reversed(d.items())))
print(type(reversed([])).__name__, type(reversed(())).__name__, type(reversed('')).__name__, type(reversed(range(2))).__name__)
print(type(reversed(d)).__name__, type(reversed(d.values())).__name__, type(reversed(d.items())).__name__)
for bad in [5, {1, 2}, iter([]), None, frozenset()]:
    try:
        reversed(bad)
    except TypeError as e:
        print('TypeError:', e)
print(sorted([3, 1, 2]), sorted('hello'), sorted((2.5, -1, 3)), sorted([]), sorted({3: 1, 1: 2}))
print(sorted(['b', 'A', 'c'], key=str.lower), sorted([3, 1, 2], reverse=True), sorted([1, 2, 3], reverse=0))
pairs = [(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b')]
print(sorted(pairs, key=lambda p: p[0]), sorted(pairs, key=lambda p: p[0], reverse=True))
print(sorted(['aa', 'b', 'cc', 'd'], key=len, reverse=True), sorted([[2, 1], [1, 2], [1]]))
print(sorted([1, 2.5, -3, True, 0.0]), sorted(x % 5 for x in range(12)))
for call in [lambda: sorted(), lambda: sorted([1], [2]), lambda: sorted([1], cmp=None), lambda: sorted([1, 'a']),
             lambda: sorted(5), lambda: sorted([1, 2], key=5), lambda: sorted([1], reverse=1.5)]:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
it = iter([1, 2])
print(iter(it) is it, next(it), next(it), next(it, 'end'), next(it, None))
try:
    next(it)
except StopIteration as e:
    print('StopIteration', repr(e), e.args)
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 4)), counter)
for call in [lambda: iter(5), lambda: iter(5, 1), lambda: next([1]), lambda: next(5), lambda: iter(),
             lambda: next(iter([]), 1, 2)]:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
print(any([]), any([0, '', None]), any([0, 3]), all([]), all([1, 'a']), all([1, 0]), any(iter('a')))
print(any(x > 3 for x in range(5)), all(x < 3 for x in range(5)), any({0: 1}), all({0: 1}))
for call in [lambda: any(5), lambda: all(), lambda: any([1], [2])]:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
print(list(map(abs, [-1, 2, -3])), list(map(lambda a, b: a + b, 'ab', 'cde')), list(map(str, range(3))))
print(list(filter(None, [0, 1, '', 'x', [], [0]])), list(filter(lambda v: v % 2, range(7))))
m = map(int, ['1', 'x'])
print(next(m))
try:
    next(m)
except ValueError as e:
    print('ValueError:', e)
for call in [lambda: map(len), lambda: map(), lambda: list(map(5, [1])), lambda: filter(None),
             lambda: list(filter(5, [1])), lambda: map(len, 5), lambda: filter(len, 5)]:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
for v in [iter([]), iter(()), iter(''), iter(range(1)), iter({}), iter({}.values()), iter({}.items()),
          iter(set()), iter(b''), enumerate([]), zip(), map(len, []), filter(None, []), iter(tick, 0)]:
    print(type(v).__name__, end=' ')
print()
print(type(iter([])) is type(iter([1])), type({}.keys()).__name__, type({}.values()).__name__, type({}.items()).__name__)
