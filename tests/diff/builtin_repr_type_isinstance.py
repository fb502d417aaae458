# repr, type, isinstance.
for v in [1, 1.5, 'str', None, True, [1], (1,), {1: 2}, {1}, range(3), b'b', 2 ** 80]:
    print(repr(v), type(v))
print(type(1) == int, type('') is str, type(True) is bool, type(None))
print(isinstance(1, int), isinstance(True, int), isinstance(1, float), isinstance(1.0, (int, float)))
print(isinstance('s', (list, tuple)), isinstance([], (list, tuple)), isinstance((), ((list,), tuple)))
print(isinstance(ValueError('x'), Exception), isinstance(KeyError(), LookupError))
print(isinstance(KeyboardInterrupt(), Exception), isinstance(KeyboardInterrupt(), BaseException))
print(type(type(1)), type(int), type(len), repr(int), repr(ValueError))
print(type([]) is list, type({}) is dict, type(set()) is set, type(()) is tuple)
print(repr('a\nb'), repr([1, 'two', None]), repr({'k': [1.0]}))
print(int, str, float, bool, list, dict, set, tuple, range, type)
print(type(ValueError('x')), type(1 / 2), type(1 // 2), type(2 ** -1))
print(isinstance(int, type))
