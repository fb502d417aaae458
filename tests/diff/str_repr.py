# repr() of strings picks quotes and escapes like CPython.
for s in ['plain', "it's", 'say "hi"', 'both \' and "', 'tab\t', 'nl\n', 'bs\\',
          '\x00', '\x1f', '\x7f', '\x80', '\xa0', '\xe9', '\u2028', '\U0001F600', 'ünï']:
    print(repr(s))
print(repr(''), repr(' '), repr('\r\n'))
print(['a', "b'c", 'd"e'])
print(('x',), {'k': 'v'})
print(str('quote\'s'), repr(repr('x')))
print(repr('\u200b'), repr('\ufeff'), repr('\x9f'), repr('\u00ad'))
print(repr('a' + "'" + 'b' + '"'), repr("\\'"), repr('\\"'))
print([repr(c) for c in '\t\n\x0b\x0c\r'])
