# expect: 1 2 SyntaxError: expected ':'
def f(a, b)
    return a + b
