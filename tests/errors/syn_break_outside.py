# expect: 1 4 SyntaxError: 'break' outside loop
x = 1
if x:
    break
