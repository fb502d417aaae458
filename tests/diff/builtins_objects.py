# type, isinstance, issubclass, callable, repr, ascii, hash, getattr, format.
for v in [1, True, 1.5, 'a', b'a', None, [], (), {}, set(), frozenset(), range(1), slice(1), 2 ** 70,
          len, abs, int, ValueError('x'), KeyError, print]:
    print(repr(type(v)), type(v).__name__)
def f():
    pass
print(type(f), type(lambda: 0), type(type), type(int), type(ValueError), type(Ellipsis))
print(type([].append), type(str.upper), type('a'.upper))
print(type(5) is int, type(True) is bool, type(True) is int, type(type(1)) is type)
print(isinstance(True, int), isinstance(1, bool), isinstance(1, (str, (float, int))), isinstance(1, ()))
print(isinstance(1, object), isinstance(None, object), isinstance(len, object), isinstance(int, object))
print(isinstance(ValueError(), Exception), isinstance(ValueError(), (KeyError, LookupError)))
print(isinstance(KeyError('k'), LookupError), isinstance(ZeroDivisionError(), ArithmeticError))
print(isinstance(KeyboardInterrupt(), Exception), isinstance(SystemExit(), BaseException))
print(isinstance(int, type), isinstance(ValueError, type), isinstance('', str), isinstance(b'', bytes))
print(isinstance(frozenset(), set), isinstance(set(), frozenset), isinstance(range(1), range))
print(issubclass(bool, int), issubclass(int, bool), issubclass(int, object), issubclass(KeyError, Exception))
print(issubclass(ModuleNotFoundError, ImportError), issubclass(RecursionError, (ValueError, RuntimeError)))
print(issubclass(IndentationError, SyntaxError), issubclass(type, object), issubclass(object, object))
print(issubclass(NotImplementedError, RuntimeError), issubclass(UnboundLocalError, NameError))
for call in [lambda: isinstance(1, 2), lambda: isinstance(1, (str, 2)), lambda: isinstance(1),
             lambda: issubclass(1, int), lambda: issubclass(int, 1), lambda: issubclass(int, (1,)),
             lambda: type(), lambda: type(1, 2)]:
    try:
        print(call())
    except TypeError as e:
        print('TypeError:', e)
print(isinstance(1, (int, 2)))
print(callable(len), callable(f), callable(int), callable(1), callable('a'.upper), callable(str.upper), callable(None))
print(repr('a'), repr("it's"), repr('"'), repr(1.0), repr([1, 'x']), repr(None), repr(b'\x00a'))
print(ascii('héllo'), ascii('€'), ascii('\U0001F600'), ascii([1, 'ü']), ascii('plain'), ascii(1))
print(hash(1) == hash(1.0) == hash(True), hash(-1), hash(-2), hash(0.5), hash(2 ** 61), hash(2 ** 61 - 1))
print(hash(()), hash((1, 2)), hash(frozenset()) == hash(frozenset()), hash(None) == hash(None))
print(hash(1e300) == hash(int(1e300)), hash(-0.0), hash(float('inf')), hash('') == hash(''))
for bad in [[], {}, set(), ([1],), slice(1)]:
    try:
        hash(bad)
    except TypeError as e:
        print('TypeError:', e)
print(getattr(1, 'real'), getattr('a', 'nope', 'dflt'), hasattr('a', 'upper'), hasattr(1, 'nope'))
print(getattr([1, 2], 'count')(2), getattr(ValueError('m'), 'args'))
for call in [lambda: getattr(1, 'nope'), lambda: getattr(1), lambda: getattr(1, 2), lambda: hasattr(1, 2),
             lambda: setattr(1), lambda: setattr(1, 'x', 2)]:
    try:
        call()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ':', e)
print(format(3.14159, '.2f'), format(42), format(42, '08b'), format('x', '>3'), format(1234567, ','))
print(format(True), format(None), format([1]), format(0.5, '%'), format(255, 'X'), format(2 ** 70, 'x'))
for call in [lambda: format(1, 2), lambda: format(1, 'q'), lambda: format(), lambda: format('a', 'd')]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
x = [1]
print(id(x) == id(x), id(x) != id([1]), isinstance(id(x), int))
