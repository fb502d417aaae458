# expect: 1 3 IndexError: tuple index out of range
t = (1,)
print(t[-2])
