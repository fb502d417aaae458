# math: integer functions (exact, big ints) and logs of huge ints.
import math

print([math.factorial(n) for n in [0, 1, 2, 5, 10, 20, 21]])
print(math.factorial(100))
print(len(str(math.factorial(1000))), math.factorial(True))
print(math.gcd(), math.gcd(12), math.gcd(-12), math.gcd(12, 18), math.gcd(12, -18, 27), math.gcd(0, 0), math.gcd(0, 5))
print(math.gcd(2**100 * 3, 2**80 * 9), math.gcd(10**30, 10**20 + 10**10))
print(math.lcm(), math.lcm(4), math.lcm(-4), math.lcm(4, 6), math.lcm(4, 6, 10), math.lcm(0, 5), math.lcm(-3, 4))
print(math.lcm(2**64, 3**40))
print(math.comb(5, 2), math.comb(10, 0), math.comb(10, 10), math.comb(3, 5), math.comb(52, 5), math.comb(100, 50))
print(math.comb(10**20, 3), math.comb(2**70, 2**70 - 2), math.comb(1000, 500) % 1000007)
print(math.perm(5), math.perm(5, 2), math.perm(5, 0), math.perm(3, 5), math.perm(20, 20), math.perm(10**20, 2))
print(math.perm(5, None), math.perm(30, 15))
for n in [0, 1, 2, 3, 4, 15, 16, 17, 99, 100, 10**12, 2**64 - 1, 2**64, 10**40, 10**41 + 7]:
    print(n, math.isqrt(n))
print(math.isqrt(True))
print(math.log(10**1000), math.log(10**1000, 10), math.log10(10**1000), math.log2(2**3000), math.log2(2**3000 + 1))
print(math.log(2**1024), math.log(2**1023 * 3), math.log10(7 ** 500), math.log(10**400, 2**10))
print(math.log(123456789), math.log10(10**15), math.log2(1024), math.log(True))
print(math.prod([]), math.prod([1, 2, 3, 4]), math.prod([2] * 70), math.prod([1.5, 2, 3]))
print(math.prod([2, 3], start=10), math.prod([], start=2.5), math.prod(range(1, 11)), math.prod(['ab', 3]))
print(math.prod((x for x in [1, 2, 3])), math.prod([True, True]), math.prod([10**20, 10**20]))
