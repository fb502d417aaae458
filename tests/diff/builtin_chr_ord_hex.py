# chr, ord, hex, bin, oct.
print(chr(65), chr(97), chr(48), chr(0x263A), chr(0x1F40D), repr(chr(0)), repr(chr(10)))
print(ord('A'), ord('a'), ord('0'), ord('\n'), ord('€'), ord('\U0001F40D'))
print([ord(c) for c in 'hello'], ''.join(chr(ord(c) + 1) for c in 'HAL'))
print(hex(0), hex(15), hex(16), hex(-16), hex(2 ** 100), hex(True))
print(bin(0), bin(1), bin(255), bin(-1), bin(2 ** 65))
print(oct(0), oct(7), oct(8), oct(-64), oct(2 ** 40))
print(int(hex(12345), 16), int(bin(12345), 2), int(oct(12345), 8))
try:
    chr(-1)
except ValueError as e:
    print('ValueError:', e)
try:
    chr(0x110000)
except ValueError as e:
    print('ValueError:', e)
try:
    ord('ab')
except TypeError as e:
    print('TypeError:', e)
try:
    hex(1.5)
except TypeError as e:
    print('TypeError:', e)
