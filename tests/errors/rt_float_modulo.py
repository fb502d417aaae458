# expect: 1 3 ZeroDivisionError: float modulo
x = 0.0
print(1.5 % x)
