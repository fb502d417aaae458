# math integer functions.
import math
print(math.factorial(0), math.factorial(1), math.factorial(10), math.factorial(30))
print(math.gcd(12, 18), math.gcd(0, 5), math.gcd(-12, 18), math.gcd(2 ** 100, 6 ** 50), math.gcd())
print(math.gcd(12, 18, 27), math.lcm(4, 6), math.lcm(3, 5, 7), math.lcm(0, 5), math.lcm())
print(math.comb(5, 2), math.comb(10, 0), math.comb(10, 11), math.comb(100, 50))
print(math.perm(5, 2), math.perm(5), math.perm(10, 0), math.perm(3, 4))
print(math.isqrt(0), math.isqrt(15), math.isqrt(16), math.isqrt(10 ** 40), math.isqrt(2 ** 101))
print(math.floor(10 ** 30 / 3), math.trunc(-10 ** 5 / 7), math.ceil(2 ** 60 + 0.5))
for bad in [lambda: math.factorial(-1), lambda: math.isqrt(-4), lambda: math.comb(-1, 2)]:
    try:
        bad()
    except ValueError as e:
        print('ValueError:', e)
try:
    math.factorial(2.5)
except TypeError as e:
    print('TypeError:', e)
print(len(str(math.factorial(500))), math.factorial(20) == math.prod(range(1, 21)))
