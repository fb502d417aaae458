def f(n):
    try:
        raise ValueError(n)
    finally:
        if n < 50:
            f(n + 1)
try:
    f(0)
except ValueError as e:
    print('caught', e)
