# Exception hierarchy checks through except clauses.
def catch(exc, classes):
    for cls in classes:
        try:
            try:
                raise exc
            except cls:
                return cls
        except BaseException:
            pass
    return None

tests = [
    (ZeroDivisionError('z'), [ArithmeticError]),
    (OverflowError('o'), [ArithmeticError]),
    (KeyError('k'), [LookupError]),
    (IndexError('i'), [LookupError]),
    (RecursionError('r'), [RuntimeError]),
    (NotImplementedError('n'), [RuntimeError]),
    (ModuleNotFoundError('m'), [ImportError]),
    (IndentationError('e'), [SyntaxError]),
    (UnboundLocalError('u'), [NameError]),
    (ValueError('v'), [ArithmeticError, LookupError, Exception]),
    (KeyboardInterrupt(), [Exception, BaseException]),
    (StopIteration(), [Exception]),
    (AssertionError(), [Exception]),
    (AttributeError('a'), [Exception]),
    (TypeError('t'), [ValueError, Exception]),
]
for exc, classes in tests:
    print(repr(exc), '->', catch(exc, classes))

pairs = [(ZeroDivisionError, ArithmeticError), (KeyError, LookupError), (KeyError, IndexError),
         (RecursionError, RuntimeError), (ModuleNotFoundError, ImportError),
         (KeyboardInterrupt, Exception), (KeyboardInterrupt, BaseException),
         (Exception, BaseException), (bool, int), (IndentationError, SyntaxError)]
for sub, sup in pairs:
    if sub is bool:
        print(sub, sup, isinstance(True, sup))
        continue
    try:
        raise sub()
    except sup:
        print(sub, sup, True)
    except BaseException:
        print(sub, sup, False)

try:
    try:
        1 / 0
    except LookupError:
        print('wrong handler')
except ArithmeticError as e:
    print('outer ArithmeticError:', e)
try:
    raise KeyError('x')
except (ValueError, LookupError) as e:
    print('tuple match', type(e))
