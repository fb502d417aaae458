# All string prefixes.
print('single', "double")
print(r'raw\n', R"raw\t", r'\\', r"\'")
print(len(r'\n'), len('\n'))
print(f'f{1+1}', F"F{2*3}")
print(rf'{1}\n', fr"{2}\t", Rf'{3}\x', fR'{4}', RF'{5}', FR"{6}")
print(b'bytes', B"BYTES", br'\n', rb'\t', Rb'x', bR'y')
print(u'unicode', U'UNICODE')
print('con' 'cat' "enation", 'a' f'{1}' r'\b')
print(type(b''), type(''), type(f''))
s = ('implicit '
     'concatenation '
     "over lines")
print(s)
