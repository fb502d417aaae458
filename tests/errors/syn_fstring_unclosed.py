# expect: 1 3 SyntaxError: f-string: expecting '}'
x = 1
s = f"{x"
