# any, all, map, filter.
print(any([]), all([]), any([0, 0, 1]), all([1, 1, 0]), any('a'), all(''))
print(any([None, '', 0.0]), all(['x', 1, [0]]), any(x > 2 for x in range(4)))
print(list(map(str, [1, 2, 3])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
print(list(map(len, ['a', 'bb', ''])), list(map(int, '123')), list(map(abs, (-1, 2, -3))))
print(list(map(pow, [2, 3], [3, 2, 99])))
print(list(filter(None, [0, 1, '', 'a', None, [], [0]])))
print(list(filter(lambda x: x % 3 == 0, range(10))), list(filter(str.isdigit, 'a1b2')))
print(tuple(map(lambda c: c.upper(), 'abc')), sorted(filter(lambda v: v, {3, 0, 1})))
print(sum(map(int, '12345')), max(map(len, ['x', 'yyy'])), ''.join(map(chr, [104, 105])))
def is_even(n):
    return n % 2 == 0
print(list(filter(is_even, range(7))), list(map(is_even, range(3))))
evaluated = []
def check(v):
    evaluated.append(v)
    return v > 1
print(any(map(check, [0, 1, 2, 3, 4])), evaluated)
evaluated.clear()
print(all(map(check, [5, 4, 0, 9])), evaluated)
