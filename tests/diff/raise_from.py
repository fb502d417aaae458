# raise ... from ..., and raising classes vs instances.
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError('could not parse ' + repr(s)) from e

try:
    parse('x1')
except RuntimeError as e:
    print('RuntimeError:', e)
    print('cause:', repr(e.__cause__))

try:
    raise KeyError('k') from None
except KeyError as e:
    print('from None:', repr(e), e.__cause__)

try:
    raise ValueError
except ValueError as e:
    print('class raised:', repr(e), e.args)

try:
    raise IndexError()
except IndexError as e:
    print('empty args:', repr(e), str(e) == '')

err = TypeError('prebuilt', 42)
try:
    raise err
except TypeError as e:
    print(e is err, e.args)
