# expect: 1 3 SyntaxError: '(' was never closed
a = 1
print((a, 2)
b = 3
