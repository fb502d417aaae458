# int <-> str conversions, including big values under the 4300-digit limit.
n = 3 ** 2000
s = str(n)
print(len(s), s[:10], s[-10:])
print(int(s) == n, int('-' + s) == -n)
print(str(-12345), repr(10 ** 30), int('0' * 50 + '7'))
print(int('  +123_456  '), int('-ff', 16), int('-0x_ff', 16))
print(str(2 ** 64 - 1), hex(2 ** 64 - 1), int('ffffffffffffffff', 16))
print(int('1' * 100, 2), int('z' * 20, 36))
print(f'{10 ** 40}', '%d' % 10 ** 40, '{:,}'.format(10 ** 20))
big = 10 ** 4000
print(len(str(big)), str(big)[:3])
print(int(1e300) == 10 ** 300, int(1e300) % 10 ** 10)
