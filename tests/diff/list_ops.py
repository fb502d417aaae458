# List operations.
a = [1, 2, 3]
b = [4, 5]
print(a + b, a * 2, [0] * 5, 2 * [None], [] * 3)
print(len(a), a[0], a[-1], a[1:], 2 in a, 7 not in a)
print(a == [1, 2, 3], a != b, a < b, [1, 2] < [1, 2, 3], [2] > [1, 99])
a[1] = 'two'
print(a)
nested = [[0] * 2] * 2
nested[0][0] = 'shared'
print(nested)
c = a
c.append(4)
print(a is c, a)
print(list(), list('ab'), list(range(3)), list((1, 2)), list({'k': 1}))
print(max([3, 7, 2]), min([3, 7, 2]), sum([3, 7, 2]))
print([i * 2 for i in a if isinstance(i, int)])
x = [1, [2, [3, [4]]]]
print(x[1][1][1][0], len(x))
try:
    a[10]
except IndexError as e:
    print('IndexError:', e)
try:
    a[10] = 1
except IndexError as e:
    print('IndexError:', e)
print([[]] == [[]], [] is [], [1, 2, 3][::-1])
