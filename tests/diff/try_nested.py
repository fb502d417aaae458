# Nested try statements and exceptions raised in handlers.
def level(n):
    try:
        try:
            if n == 0:
                raise ValueError('v')
            if n == 1:
                raise KeyError('k')
            if n == 2:
                raise IndexError('i')
            return 'no error'
        except ValueError as e:
            return 'inner caught ValueError ' + str(e)
        finally:
            print('  inner finally', n)
    except LookupError as e:
        return 'outer caught ' + type(e).__name__
    finally:
        print('  outer finally', n)

for n in range(4):
    print(level(n))

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('raised in handler')
except ValueError as e:
    print('got', e)

try:
    try:
        raise TypeError('first')
    finally:
        print('finally during TypeError')
except TypeError as e:
    print('outer got', e)

e = 'before'
try:
    raise RuntimeError('x')
except RuntimeError as e:
    pass
try:
    print(e)
except NameError:
    print('as-name is deleted after the handler')
