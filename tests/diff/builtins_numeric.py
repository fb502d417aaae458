# abs, round, divmod, pow, sum, min, max, hex, bin, oct, chr, ord.
print(abs(-7), abs(7), abs(-0.0), abs(-2 ** 63), abs(2 ** 63), abs(False), abs(-1.5e300))
for x in [0.5, 1.5, 2.5, -0.5, -1.5, 0.49999999999999994, 1e300, -2.5, 3.5]:
    print('round', x, round(x), type(round(x)).__name__)
print(round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2), round(2.5, 0))
print(round(-0.4, 0), round(0.4), round(-0.4), round(1234.5678, -2), round(1250.0, -2))
print(round(1350.0, -2), round(5e-324, 400), round(1.5, 2 ** 70), round(1.5, -2 ** 70))
print(round(123456789, -3), round(1500, -3), round(2500, -3), round(-2500, -3), round(-1500, -3))
print(round(5, -1), round(15, -1), round(25, -1), round(-5, -1), round(7, 3), round(True))
print(round(2 ** 100, -10), round(-(2 ** 80), -20), round(1.23456789e-5, 7))
print(round(3.14159, None), round(7, None), round(0.1 + 0.2, 15), round(1e16 + 1, -1))
print(round(1e308, -308), round(1.7976931348623157e308, -300), round(-1e-300, 300))
for bad in [float('inf'), float('-inf'), float('nan')]:
    try:
        round(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__ + ':', e)
print(round(float('inf'), 2), round(float('nan'), 1))
for args in [('a',), (1.5, 1.5), (1.7e308, -308), ()]:
    try:
        round(*args)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__ + ':', e)
print(round(number=2.5), round(2.567, ndigits=1))
print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(-7, -2), divmod(7.5, 2))
print(divmod(-7.5, 2), divmod(7, 0.5), divmod(2 ** 70, 7), divmod(-(2 ** 70), 7), divmod(True, 2))
print(divmod(1e308, 1e-308)[1], divmod(-0.0, 1.0), divmod(5, 2.5))
for args in [(1, 0), (1.0, 0), (1, 0.0), ('a', 1), (1, None)]:
    try:
        divmod(*args)
    except (ZeroDivisionError, TypeError) as e:
        print(type(e).__name__ + ':', e)
print(pow(2, 10), pow(2, -1), pow(-2, 3), pow(2.0, 0.5), pow(0, 0), pow(2, 100))
print(pow(3, 4, 5), pow(3, -1, 7), pow(3, -2, 7), pow(3, -1, -7), pow(3, 2, -7), pow(-3, 3, 7))
print(pow(2, 10 ** 18, 10 ** 9 + 7), pow(5, 0, 1), pow(2, -1, 1), pow(base=2, exp=5), pow(2, 5, mod=3))
print(pow(123456789, 2 ** 70, 2 ** 64 + 13), pow(7, -3, 2 ** 61 - 1), pow(True, 5, 3))
for args in [(2, 3, 0), (2, 3.0, 5), (2, -1, 4), (4, -1, 6), ('a', 2), (2, 'a', 3)]:
    try:
        pow(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)
try:
    pow(0.0, -1)
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
print(sum([]), sum([1, 2, 3]), sum([1, 2], 10), sum((0.1, 0.2, 0.3)), sum([0.1] * 10))
print(sum([1e100, 1.0, -1e100]), sum([1, 0.5]), sum([2 ** 62, 2 ** 62, 2 ** 62]), sum([True, True]))
print(sum([[1], [2]], []), sum(((1,), (2,)), ()), sum(range(10), start=5), sum(iter([1.5, 2])))
print(sum([1.5, 2 ** 70]), sum([-(2 ** 63), -1]), sum([0.5, True]), sum([1, 2.5, 3]))
for args in [(['a', 'b'], ''), ([b'a'], b''), (['a'],), ([1], 'x'), (5,)]:
    try:
        sum(*args)
    except TypeError as e:
        print('TypeError:', e)
try:
    sum()
except TypeError as e:
    print('TypeError:', e)
print(min(3, 1, 2), max(3, 1, 2), min('bca'), max([1.5, 2, -1]), min([[2], [1, 5]]), max((1, 'a'), (1, 'b')))
print(max([1, 1.0]), max([1.0, 1]), min([1, 1.0]), min(0, -0.0), max(-0.0, 0))
print(max(['a', 'bbb', 'cc'], key=len), min(['a', 'bbb', 'cc'], key=len), max([3, -4], key=abs))
print(max([], default=None), min((), default='x'), max([5], default=0), max([2, 3], key=None))
print(max([(1, 2), (1, 3), (0, 9)], key=lambda t: t[0]), min({5: 1, 2: 3}), max('ab', 'ba', key=lambda s: s[1]))
print(min(x * x - 4 * x for x in range(10)), max(range(5), key=lambda v: -v))
for call in [lambda: max([]), lambda: min(()), lambda: max(), lambda: max(1), lambda: min(1, 2, default=0),
             lambda: max([1], foo=1), lambda: min([1, 'a']), lambda: max('a', 1), lambda: min(1, 2, key=5)]:
    try:
        call()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ':', e)
print(hex(0), hex(255), hex(-255), hex(2 ** 100), hex(-(2 ** 64)), hex(True))
print(bin(0), bin(10), bin(-10), bin(2 ** 65 + 1), oct(0), oct(8), oct(-8), oct(2 ** 70))
for f in [hex, bin, oct]:
    for bad in [1.5, '1', None]:
        try:
            f(bad)
        except TypeError as e:
            print('TypeError:', e)
print(chr(65), chr(0x20AC), chr(0x1F600) == '\U0001F600', ord('A'), ord('€'), ord(b'a'), ord('\x00'))
print([chr(i) for i in range(97, 102)], ord(chr(0x10FFFF)), chr(True) == '\x01')
for call in [lambda: chr(-1), lambda: chr(0x110000), lambda: chr(2 ** 40), lambda: chr(2 ** 70), lambda: chr('a'),
             lambda: ord(''), lambda: ord('ab'), lambda: ord(b'ab'), lambda: ord(5), lambda: ord(None)]:
    try:
        call()
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__ + ':', e)
