# printf-style % formatting.
print('%d %i %s %r' % (42, -7, 'str', 'str'))
print('%5d|%-5d|%05d|%+d|% d' % (42, 42, 42, 42, 42))
print('%.2f|%8.3f|%-8.2f|%08.2f|%+.1f' % (3.14159, 2.71828, 1.5, -1.5, 2.25))
print('%x %X %o %#x %#o %#X' % (255, 255, 8, 255, 8, 255))
print('%e %E %.2e %g %g %g %G' % (12345.678, 0.00012, 1e10, 0.0001, 1e-5, 123456789, 1e-10))
print('%s %s %s' % (None, [1, 2], (3,)))
print('%r %r' % ('quote\'s', 1.5))
print('100%% sure, %d%%' % 50)
print('%(name)s is %(age)d years, %(name)r' % {'name': 'Ann', 'age': 30})
print('%-5s|%5s|%.2s' % ('ab', 'cd', 'xyz'))
print('%c%c' % (72, 'i'), '%s' % 'single', '%s' % (('tuple',),))
print('%d' % 3.99, '%s' % 3.0, '%.0f' % 2.5, '%.3g' % 3.14159)
print('%*d|%-*d|%.*f' % (5, 1, 4, 2, 2, 3.14159))
print('%10.4s|' % 'abcdefg', '%x' % -255, '%d' % True, '%d' % (2 ** 70))
print('%a' % 'é')
try:
    print('%d' % 'x')
except TypeError as e:
    print('TypeError:', e)
try:
    print('%s %s' % ('one',))
except TypeError as e:
    print('TypeError:', e)
try:
    print('%s' % (1, 2))
except TypeError as e:
    print('TypeError:', e)
