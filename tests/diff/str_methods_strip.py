# strip / lstrip / rstrip / replace.
s = '   padded text \t\n'
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print('xxhixx'.strip('x'), 'xyhiyx'.strip('xy'), 'abcba'.lstrip('ab'), 'abcba'.rstrip('ab'))
print(repr(''.strip()), repr('   '.strip()), 'nothing'.strip('z'))
print('www.example.com'.strip('cmowz.'))
print('hello world'.replace('o', '0'), 'aaaa'.replace('a', 'b', 2))
print('abc'.replace('', '-'), 'abc'.replace('x', 'y'), 'aaa'.replace('aa', 'b'))
print('banana'.replace('an', 'AN', 1), 'banana'.replace('a', ''))
print('  x  '.strip(' '), '\t\tx'.lstrip('\t'), 'x\n\n'.rstrip('\n'))
print('path/to/file.txt'.rstrip('.txt'), 'mississippi'.strip('ip'))
print('CamelCaseString'.replace('Case', ' case '), 'a-b-c'.replace('-', ''))
