# find / rfind / index / rindex / count / startswith / endswith.
s = 'the cat sat on the mat'
print(s.find('at'), s.find('at', 6), s.find('at', 6, 8), s.find('dog'), s.find(''))
print(s.rfind('at'), s.rfind('the'), s.rfind('x'), s.rfind('at', 0, 10))
print(s.index('cat'), s.rindex('at'), s.count('at'), s.count('the'), s.count(''))
print(s.count('a', 10), s.count('a', 0, 5), 'aaaa'.count('aa'))
print(s.startswith('the'), s.startswith('cat'), s.startswith('cat', 4), s.startswith(('x', 'th')))
print(s.endswith('mat'), s.endswith('ma'), s.endswith('ma', 0, -1), s.endswith(('at', 'zz')))
print(''.startswith(''), 'abc'.endswith(''), 'abc'.find('c', -1), 'abc'.find('a', -1))
try:
    s.index('dog')
except ValueError as e:
    print('ValueError:', e)
try:
    s.rindex('dog')
except ValueError as e:
    print('ValueError:', e)
print('héllo wörld'.find('w'), 'ababab'.rfind('ab'), 'ababab'.find('ba', 2))
