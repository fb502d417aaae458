# expect: 1 3 ZeroDivisionError: float division by zero
x = 0.0
print(1.5 / x)
