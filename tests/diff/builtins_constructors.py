# Calling the builtin types.
print(int(), int(7), int(-3.99), int(3.99), int(True), int('  -12  '), int('1_000'), int(b'42'), int(2 ** 70))
print(int('ff', 16), int('0xff', 0), int('0b101', 0), int('0o17', 0), int('z', 36), int('-0x_f', 16), int('10', base=2))
print(int('0', 0), int('000', 0), int(1e20), int(-1e20), int(b' 7 '), int(' \t9\n'), int('١٢') if False else 0)
for args in [('x',), ('',), ('1.5',), ('0x10',), ('010', 0), ('12', 2), ('1__0',), ('_1',), (b'x',), ('9' * 5, 8)]:
    try:
        int(*args)
    except ValueError as e:
        print('ValueError:', e)
for call in [lambda: int(None), lambda: int([]), lambda: int(1.5, 10), lambda: int('1', 1.5),
             lambda: int('1', 1), lambda: int('1', base=37), lambda: int(x=5), lambda: int(1, 2, 3),
             lambda: int(float('nan')), lambda: int(float('inf')), lambda: int('1' * 5000), lambda: int('1' * 300 + 'x')]:
    try:
        call()
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ':', e)
print(int('1' * 5000, 16) > 0, int('1' * 4300) > 0)
print(float(), float(3), float(-2 ** 53), float(True), float(' 1.5e3 '), float('-inf'), float('nan'), float('1_0.5'))
print(float('Infinity'), float('-iNF'), float(b'2.5'), float('.5'), float('5.'), float('1e400'), float(2 ** 70))
for call in [lambda: float('x'), lambda: float(''), lambda: float(b'x'), lambda: float(None), lambda: float(2 ** 1024),
             lambda: float(1, 2), lambda: float(x=1), lambda: float('1__0'), lambda: float('0x10')]:
    try:
        call()
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ':', e)
print(repr(str()), str(1), str(1.0), str(None), str([1, 'a']), str('s'), str(b'ab'), str(ValueError('m')), str(KeyError('k')))
print(str(b'abc', 'utf-8'), str(b'caf\xc3\xa9', encoding='utf-8'), str(b'\xe9', 'latin-1'), str(object=5), str(b'a', 'ascii'))
for call in [lambda: str(1, 2), lambda: str('a', 'utf-8'), lambda: str(x=1), lambda: str(b'a', 'nope'), lambda: str(5, 'utf-8')]:
    try:
        call()
    except (TypeError, LookupError) as e:
        print(type(e).__name__ + ':', e)
print(bool(), bool(0), bool(2), bool(''), bool('a'), bool([]), bool([0]), bool(None), bool(0.0), bool(range(0)))
for call in [lambda: bool(1, 2), lambda: bool(x=1)]:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
print(list(), list('ab'), list((1, 2)), list(range(3)), list({'a': 1}), list({'a': 1}.items()), list(b'ab'))
t = (1, 2)
print(tuple(), tuple('ab'), tuple([1]), tuple(t) is t, tuple(range(2)), tuple(x * 2 for x in 'ab'))
for call in [lambda: list(1), lambda: list(1, 2), lambda: list(x=1), lambda: tuple(1), lambda: tuple(1, 2)]:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
print(dict(), dict(a=1), dict({'a': 1}, b=2), dict([('a', 1), ['b', 2]]), dict(['xy', 'zw']), dict(zip('ab', [1, 2])))
print(dict({'a': 1}.items()), dict([(1, 2), (1, 3)]), dict({1: 2}, **{'k': 'v'}), dict(iter([(0, 0)])))
d1 = {'x': [1]}
d2 = dict(d1)
d2['y'] = 2
print(d1, d2, d2['x'] is d1['x'])
for call in [lambda: dict(1), lambda: dict([1]), lambda: dict([(1,)]), lambda: dict([[1, 2, 3]]), lambda: dict({}, {}),
             lambda: dict([([], 1)]), lambda: dict(['abc'])]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
print(set(), set([3, 1, 2, 3]), set(range(5)), set({5: 'a', 1: 'b'}), set((8, 9, 1)), sorted(set('hello')))
s = {1, 2, 3}
print(set(s), set(s) is s, frozenset(s), frozenset([2, 1]), frozenset(), set(frozenset([4, 2])))
fs = frozenset([1])
print(frozenset(fs) is fs, set(x % 3 for x in range(10)), len(set([1, 1.0, True])))
for call in [lambda: set(1), lambda: set([[]]), lambda: set(1, 2), lambda: set(x=1), lambda: frozenset(1)]:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
print(bytes(), bytes(3), bytes([65, 66]), bytes('hé', 'utf-8'), bytes('hé', 'latin-1'), bytes(b'x'), bytes(range(3)))
print(bytes('ab', encoding='ascii'), bytes((255, 0)), bytes(iter([97])), list(bytes(2)))
for call in [lambda: bytes(-1), lambda: bytes('a'), lambda: bytes([256]), lambda: bytes(['a']), lambda: bytes(1.5),
             lambda: bytes('a', 'zz'), lambda: bytes(5, 'utf-8'), lambda: bytes([-1]),
             lambda: bytes(None)]:
    try:
        call()
    except (TypeError, ValueError, LookupError) as e:
        print(type(e).__name__ + ':', e)
print(slice(3), slice(1, 2), slice(1, 2, 3), slice(None), [0, 1, 2, 3, 4][slice(1, None, 2)])
for call in [lambda: bytes('é', 'ascii'), lambda: str(b'\xff', 'utf-8'), lambda: str(b'a\x80', 'ascii'),
             lambda: str(b'\xc3', 'utf-8'), lambda: str(b'\xe0\x41', 'utf-8')]:
    try:
        call()
    except ValueError as e:
        print('codec error:', e)
print(str(b'a\xffb', 'utf-8', 'replace'), str(b'\xe9t\xe9', 'latin1'), bytes('€', 'utf_8'))
for call in [lambda: slice(), lambda: slice(1, 2, 3, 4)]:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
e = ValueError('bad', 2)
print(repr(e), e.args, str(e), repr(ValueError()), str(ValueError('one')), repr(KeyError('k')), str(KeyError('k')))
print(repr(StopIteration(5)), repr(ZeroDivisionError()), type(RuntimeError('x')).__name__)
try:
    raise KeyError('missing')
except LookupError as err:
    print('caught', repr(err))
try:
    ValueError(x=1)
except TypeError as err:
    print('TypeError:', err)
print(type(None)(), type(1)('5'), type('')(3), type([])('ab'))
for call in [lambda: object(1), lambda: type(len)()]:
    try:
        call()
    except TypeError as e:
        print('TypeError:', e)
