# expect: 1 2 SyntaxError: unmatched ')'
x = (1 + 2))
print(x)
