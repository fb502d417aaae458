# expect: 1 3 ZeroDivisionError: integer modulo by zero
x = 0
print(7 % x)
