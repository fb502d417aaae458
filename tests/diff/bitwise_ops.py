# Bitwise operators on ints, small and big, positive and negative.
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, a << 2, a >> 2)
print(-1 & 0xFF, -256 | 15, -5 ^ 3, ~-1, ~0)
print(1 << 100, (1 << 100) >> 99, -(1 << 100) >> 98)
print((2 ** 70 + 5) & 0xF, (2 ** 70) | 1, (2 ** 70) ^ (2 ** 70 + 3))
print(-(2 ** 70) & 0xFFFF, ~(2 ** 64))
print(-17 >> 2, -1 >> 100, 17 >> 100, 0 << 1000)
print(5 & True, True ^ True, 12 | False)
print(bin(0b1011 & ~0b10), hex(0xFF00 >> 4))
x = 0
for i in range(0, 64, 3):
    x |= 1 << i
print(x, bin(x).count('1'))
print(bin(-10), hex(-255), oct(-8))
