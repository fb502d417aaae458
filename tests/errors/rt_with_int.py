# expect: 1 2 TypeError: 'int' object does not support the context manager protocol
with 1:
    pass
