# Bare raise re-raises the active exception.
def risky():
    raise ValueError('original')

def wrapper():
    try:
        risky()
    except ValueError:
        print('logging and re-raising')
        raise

try:
    wrapper()
except ValueError as e:
    print('outer got:', e)

def reraise_as_is():
    try:
        {}['k']
    except KeyError as e:
        err = e
        raise err
try:
    reraise_as_is()
except KeyError as e:
    print('KeyError again', repr(e))

def conditional(n):
    try:
        return 10 // n
    except ZeroDivisionError:
        if n == 0:
            raise
        return -1
try:
    conditional(0)
except ZeroDivisionError as e:
    print('re-raised:', e)

try:
    try:
        raise IndexError('inner')
    except IndexError:
        try:
            raise KeyError('nested')
        except KeyError:
            pass
        raise
except IndexError as e:
    print('restored outer exception:', e)
