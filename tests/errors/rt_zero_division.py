# expect: 1 3 ZeroDivisionError: division by zero
x = 0
print(1 / x)
