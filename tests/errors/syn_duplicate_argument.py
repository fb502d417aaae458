# expect: 1 2 SyntaxError: duplicate argument 'x' in function definition
def f(x, y, x):
    return x
