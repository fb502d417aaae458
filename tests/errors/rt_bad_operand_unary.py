# expect: 1 3 TypeError: bad operand type for unary -: 'str'
x = "s"
print(-x)
