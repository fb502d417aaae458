# String operations: indexing, iteration, comparisons, immutability.
s = 'Python'
print(s[0], s[-1], s[2:4], len(s), s * 2, s + '!')
for ch in s:
    print(ch, end=',')
print()
print('a' < 'b', 'apple' < 'apricot', 'Z' < 'a', '' < 'a', 'abc' == 'abc')
print('abc' < 'abcd', 'b' > 'abc', 'A' * 3 == 'AAA')
try:
    s[0] = 'J'
except TypeError as e:
    print('TypeError:', e)
print(ord('é'), chr(233), chr(0x1F600) == '\U0001F600', len('😀'))
u = 'naïve café'
print(len(u), u[2], u.upper(), u[::-1])
print(''.join(reversed(s)), s.lower() in 'i love python')
print(list(enumerate('ab')), sorted('dcba'))
print(str(1) + str(2), int('1' + '2') + 1)
print('%d items' % 3, 'x'.join(''), repr('\\'))
print('tab\there', 'quote"s', "apos'trophe")
print('a' in 'abc', 'ac' in 'abc', len(s))
