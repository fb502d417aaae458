def f(n):
    return f'{f(n + 1)}'
f(0)
