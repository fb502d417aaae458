x = 1
if x:
    print('crlf', x)
s = '''a
b'''
print(len(s), repr(s))
y = (1 +
     2)
z = 3 + \
    4
print(y, z)
