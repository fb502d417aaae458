# expect: 1 5 ValueError: while handling
try:
    1 / 0
except ZeroDivisionError:
    raise ValueError("while handling")
