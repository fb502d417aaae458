# Int shifts, powers and true division, which the VM computes inline when
# the result fits (and leaves to the general path otherwise): results at
# and around every boundary of the fast path must be CPython's.
vals = [0, 1, -1, 2, -2, 3, 7, -7, 255, 2**31, -(2**31), 2**52, 2**53 - 1, 2**53,
        -(2**53), 2**62, 2**63 - 1, -(2**63), 10**18]
counts = [0, 1, 2, 7, 31, 32, 52, 53, 62, 63, 64, 65, 100, 1000]
for x in vals:
    row = []
    for n in counts:
        row.append(x << n)
        row.append(x >> n)
    print(x, row)
for x in [0, 1, -1, 5]:
    for n in [-1, -64]:
        try:
            print(x << n)
        except ValueError as e:
            print("ValueError", e)
        try:
            print(x >> n)
        except ValueError as e:
            print("ValueError", e)
for x in [0, 1, -1, 2, -2, 3, 10, -10, 2**31, 3037000499, 3037000500]:
    print(x, [x ** n for n in [0, 1, 2, 3, 5, 20, 62, 63, 64, 100]])
print((-2) ** 63, 2 ** 63, (-2) ** 64, 0 ** 0)
for x in [1, 2, -3]:
    for n in [-1, -2]:
        print(x ** n)
try:
    print(0 ** -1)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
for x in vals:
    print(x, [x / y for y in [1, -1, 3, -7, 10, 2**53 - 1, 2**53, 2**60, -(2**63)]])
for x in [0, 1, -1]:
    try:
        print(x / 0)
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)


def loop(n):
    # the same operators on locals and constants (superinstructions)
    acc = 0
    x = 12345
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        acc += (x >> 8) % 97 + (i << 3) - (i ** 2) // 7
        acc ^= x >> (i % 70)
        acc += int(x / 3) + int(i / 7)
    return acc, x


print(loop(1000))
b = 5
print(b << 62, b >> 2, b ** 27, b ** 28, b / 2, type(b / 1), True << 3, True / 2, 3 / True)
# true division of big ints: correctly rounded, signed zeros, overflow
for p, q in [(10**400, 3 * 10**399), (1, 10**400), (-1, 10**300), (10**30, -7),
             (2**80 + 1, 2**27), (3**200, 7**100), (-(10**30), 10**31), (0, -(10**40)),
             (2**1100, 2**2100), (2**2000 + 1, 2**1000)]:
    print(p / q)
try:
    print(10**400 / 1)
except OverflowError as e:
    print("OverflowError", e)
