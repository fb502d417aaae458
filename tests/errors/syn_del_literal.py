# expect: 1 3 SyntaxError: cannot delete literal
x = 1
del 1
