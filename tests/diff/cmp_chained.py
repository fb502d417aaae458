# Chained comparisons.
x = 5
print(1 < x < 10, 1 < x > 10, 1 < 2 < 3 < 4, 4 > 3 > 5)
print(1 == 1 == 1, 1 == 1 != 2, 1 <= 1 < 2 <= 2)
print(0 < x <= 5 == x, 'a' < 'b' < 'c')
def loud(v):
    print('  eval', v)
    return v
print(loud(1) < loud(2) < loud(3))
print(loud(3) < loud(2) < loud(1))
print([1, 2] < [1, 3], (1, 2) < (1, 2, 0), 'abc' < 'abd', 'Z' < 'a')
print([1, [2, 3]] == [1, [2, 3]], (1,) == (1.0,), 'a' != 'A')
print(1 < 2.5 < 3, -1 < True < 2, 3 >= 3.0)
print(x in [5] in [[5]])
print(None is None is not False)
