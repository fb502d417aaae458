# Type constructors and conversions.
print(int(), float(), str(), bool(), list(), tuple(), dict(), set())
print(int('42'), int('-0'), int('007'), int('  12  '), int('1a', 16), int('Z', 36))
print(int('11', 2), int('777', 8), int('0x1f', 0), int('-0b11', 0), int('10', 3))
print(float('3.14'), float('-1e3'), float('inf'), float(7), float('  .5'))
print(str(42), str(4.0), str(True), str(None), str([1, '2']), str({'a': (1,)}))
print(bool(0), bool(1), bool(''), bool('0'), bool([]), bool([[]]))
print(list('abc'), list((1, 2)), list({'x': 1}), list(range(3)), list(map(str, [1, 2])))
print(tuple([1, 2]), tuple('ab'), tuple(range(2)), tuple({5: 6}))
print(dict([('a', 1)]), dict(a=1, b=2), dict({'c': 3}), dict([[1, 2]]))
print(sorted(set('hello')), set([3, 3, 1]), set(range(3)))
print(int(2.5e10), int(-1e18), int(float('1e19')), int('9' * 30))
print(str(b'x'), repr(b'x'), bytes('hi', 'utf-8'), list(bytes(2)))
for bad in ['', '1.5', 'abc', '0x10', '1 2', '--1']:
    try:
        int(bad)
    except ValueError as e:
        print('ValueError:', e)
for bad in ['', 'abc', '1.2.3']:
    try:
        float(bad)
    except ValueError as e:
        print('ValueError:', e)
try:
    int('12', 1)
except ValueError as e:
    print('ValueError:', e)
try:
    int(None)
except TypeError as e:
    print('TypeError:', e)
