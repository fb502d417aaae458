# Prime sieve and factorisation.
def sieve(n):
    is_p = [True] * (n + 1)
    is_p[0] = is_p[1] = False
    for i in range(2, int(n ** 0.5) + 1):
        if is_p[i]:
            for j in range(i * i, n + 1, i):
                is_p[j] = False
    return [i for i, p in enumerate(is_p) if p]
primes = sieve(10000)
print(len(primes), primes[:15], primes[-3:])
def factor(n):
    out = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            out.append(d)
            n //= d
        d += 1
    if n > 1:
        out.append(n)
    return out
for n in [2, 12, 97, 360, 9999991, 2 ** 31 - 1, 600851475143]:
    print(n, factor(n))
def is_prime(n):
    return n > 1 and all(n % p for p in range(2, int(n ** 0.5) + 1))
print([n for n in range(90, 110) if is_prime(n)])
print(sum(primes) % 1000003)
