# expect: 1 3 SyntaxError: expected ':'
x = 3
if x > 2
    print(x)
