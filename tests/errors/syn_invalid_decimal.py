# expect: 1 3 SyntaxError: invalid decimal literal
x = 1
y = 12abc
print(y)
