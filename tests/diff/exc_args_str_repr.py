# e.args, str(e), repr(e) for various exceptions.
excs = [ValueError(), ValueError('msg'), ValueError('a', 2), ValueError(42),
        KeyError('key'), KeyError(1), KeyError(), KeyError('a', 'b'),
        IndexError('list index out of range'), TypeError(None), RuntimeError(''),
        ZeroDivisionError('division by zero'), Exception('x', [1, 2]), StopIteration(5),
        AssertionError(), KeyboardInterrupt(), NameError("name 'q' is not defined")]
for e in excs:
    print(repr(e), '|', str(e), '|', e.args)
try:
    {'a': 1}['missing']
except KeyError as e:
    print(repr(e), str(e), e.args)
try:
    {}[('tuple', 1)]
except KeyError as e:
    print(repr(e), str(e), e.args)
try:
    {}[3.5]
except KeyError as e:
    print(repr(e), str(e))
try:
    raise ValueError('with', 'many', 'args')
except ValueError as e:
    print(e, e.args[1])
try:
    1 / 0
except ZeroDivisionError as e:
    print(e.args, repr(e))
try:
    [1, 2, 3].index(9)
except ValueError as e:
    print(repr(e))
print(str(KeyError("it's")), repr(KeyError('"q"')))
