# expect: 1 3 ZeroDivisionError: integer division or modulo by zero
x = 0
print(7 // x)
