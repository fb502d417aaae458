# expect: 1 3 SyntaxError: invalid syntax
x = 1
y = = 2
print(x)
