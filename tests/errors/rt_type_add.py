# expect: 1 4 TypeError: unsupported operand type(s) for +: 'int' and 'str'
a = 1
b = "two"
print(a + b)
