# expect: 1 3 IndexError: list index out of range
l = [1, 2, 3]
print(l[3])
