# set operators and comparisons.
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print({1, 2} < {1, 2, 3}, {1, 2} <= {1, 2}, {1, 2} < {1, 2}, {1, 2, 3} > {2})
print({1} == {1}, {1} != {2}, {1, 2} >= {3}, set() == set())
c = set(a)
c |= {10}
c &= {1, 2, 10}
c -= {2}
c ^= {1, 99}
print(sorted(c))
words = {'pear', 'apple', 'fig'}
print(sorted(words), len(words), 'fig' in words)
print(sorted(words | {'kiwi'}), sorted(words & {'fig', 'nut'}))
evens = {x for x in range(20) if x % 2 == 0}
threes = {x for x in range(20) if x % 3 == 0}
print(sorted(evens & threes), sorted(threes - evens))
print(sorted({-1, -2, 0}), {100, 200, 300} == {300, 200, 100})
