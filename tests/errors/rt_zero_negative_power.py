# expect: 1 3 ZeroDivisionError: 0.0 cannot be raised to a negative power
base = 0.0
print(base ** -1)
