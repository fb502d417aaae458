# expect: 1 3 SyntaxError: unterminated string literal (detected at line 3)
print('ok')
s = 'abc
print(s)
