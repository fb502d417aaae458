# Each exception class of the spec, raised and caught.
import math
def trigger(kind):
    if kind == 'ZeroDivisionError':
        return 1 // 0
    if kind == 'OverflowError':
        return math.exp(1000)
    if kind == 'ValueError':
        return int('nope')
    if kind == 'TypeError':
        return 1 + 'a'
    if kind == 'IndexError':
        return [][1]
    if kind == 'KeyError':
        return {}['k']
    if kind == 'NameError':
        return undefined_name
    if kind == 'AttributeError':
        return [].nope
    if kind == 'RuntimeError':
        raise RuntimeError('by hand')
    if kind == 'RecursionError':
        return trigger(kind)
    if kind == 'NotImplementedError':
        raise NotImplementedError('todo')
    if kind == 'AssertionError':
        assert False, 'assert'
    if kind == 'StopIteration':
        return next(iter([]))
    if kind == 'KeyboardInterrupt':
        raise KeyboardInterrupt
    if kind == 'ImportError':
        from time import nothing_here
    if kind == 'ModuleNotFoundError':
        import no_such_module_xyz
    if kind == 'ArithmeticError':
        raise ArithmeticError('generic arithmetic')
    if kind == 'LookupError':
        raise LookupError('generic lookup')
    if kind == 'Exception':
        raise Exception('plain')
    if kind == 'BaseException':
        raise BaseException('base')
    if kind == 'SyntaxError':
        raise SyntaxError('by hand')
    if kind == 'IndentationError':
        raise IndentationError('by hand')
    if kind == 'UnboundLocalError':
        x = x + 1

kinds = ['ZeroDivisionError', 'OverflowError', 'ValueError', 'TypeError', 'IndexError',
         'KeyError', 'NameError', 'AttributeError', 'RuntimeError', 'RecursionError',
         'NotImplementedError', 'AssertionError', 'StopIteration', 'KeyboardInterrupt',
         'ImportError', 'ModuleNotFoundError', 'ArithmeticError', 'LookupError',
         'Exception', 'BaseException', 'SyntaxError', 'IndentationError', 'UnboundLocalError']
for k in kinds:
    try:
        trigger(k)
        print(k, 'not raised')
    except BaseException as e:
        name = type(e).__name__
        msg = str(e) if name != 'RecursionError' else '(recursion)'
        print(k, '->', name, '|', msg)
