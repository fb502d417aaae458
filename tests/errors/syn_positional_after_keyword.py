# expect: 1 4 SyntaxError: positional argument follows keyword argument
def f(a, b):
    return a
f(a=1, 2)
