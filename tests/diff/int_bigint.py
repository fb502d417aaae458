# Arbitrary precision integers.
print(2 ** 200)
print(2 ** 64, 2 ** 63 - 1, -(2 ** 63), 2 ** 63)
big = 2 ** 100
print(big + 1, big - 1, big * big, big // 3, big % 1000007)
print(-big // 7, -big % 7, big // -7, big % -7)
print(big == 2 ** 100, big > 2 ** 99, big < -big, -big < 0)
print(9223372036854775807 + 1, -9223372036854775808 - 1)
print(9223372036854775807 * 2, 3037000500 * 3037000500)
print(-9223372036854775808 // -1, abs(-9223372036854775808))
print(12345678901234567890 * 98765432109876543210)
print(10 ** 50 // 10 ** 48, 10 ** 50 % 12345)
x = 1
for i in range(1, 80):
    x *= i
    x -= i
print(x)
print(str(2 ** 300)[:20], len(str(3 ** 1000)))
print(int('9' * 60) + 1)
print(hash(2 ** 61 - 1), hash(2 ** 61), hash(2 ** 100), hash(-(2 ** 100)))
print(2 ** 100 / 2 ** 99, 2 ** 1000 / 2 ** 998)
print(float(2 ** 100), int(float(2 ** 80)))
print((10 ** 30 + 1) - 10 ** 30, 7 * 10 ** 40 // 10 ** 40)
print(max(2 ** 70, 2 ** 69), min(-(2 ** 70), 5), sum([2 ** 62] * 4))
