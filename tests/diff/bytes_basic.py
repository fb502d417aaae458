# bytes basics.
b = b'hello'
print(b, len(b), b[0], b[-1], b[1:3], b[::-1])
print(list(b), bytes([65, 66, 67]), bytes(3), b'' == bytes())
print(b + b' world', b * 2, b'ell' in b, 104 in b)
print(b'\x00\x01\xff', b'\n\t\\', b"'", b'"', b'\'"')
print(b.upper(), b.decode(), 'é'.encode(), b'caf\xc3\xa9'.decode('utf-8'))
print(b.split(b'l'), b'a,b'.split(b','), b'-'.join([b'x', b'y']))
print(b.find(b'l'), b.count(b'l'), b.startswith(b'he'), b.replace(b'l', b'L'))
print(type(b), isinstance(b, bytes), b == 'hello', b < b'help')
print(repr(bytes(range(0, 256, 37))))
print(hex(b[0]), [x for x in b'AZ'])
try:
    b[0] = 1
except TypeError as e:
    print('TypeError:', e)
