# Sieve of Eratosthenes up to 10**6 with explicit `while` loops over a list of
# bools (list item stores, the hot loop), then sorting: sorted() and
# list.sort() on 300,000 pseudo-random ints, with reverse= and with key=
# (the key sort also checks that the sort is stable).


def sieve(n):
    is_prime = [True] * (n + 1)
    is_prime[0] = False
    is_prime[1] = False
    i = 2
    while i * i <= n:
        if is_prime[i]:
            j = i * i
            while j <= n:
                is_prime[j] = False
                j += i
        i += 1
    return [k for k in range(n + 1) if is_prime[k]]


def random_ints(count, seed):
    out = []
    x = seed
    for _ in range(count):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x >> 7)
    return out


def checksum(xs):
    s = 0
    for i in range(0, len(xs), 97):
        s = (s * 31 + xs[i]) % 1000000007
    return s


def main():
    primes = sieve(1000000)
    print(len(primes), primes[-1], sum(primes))

    xs = random_ints(300000, 42)
    a = sorted(xs)
    print(a[0], a[len(a) // 2], a[-1], checksum(a))
    xs.sort(reverse=True)
    print(xs[0], xs[-1], checksum(xs))
    b = sorted(xs, key=lambda v: v % 1000)
    print(b[0], b[-1], checksum(b))
    p = sorted(primes, key=lambda v: (v % 10, -v))
    print(p[0], p[-1], checksum(p))


main()
