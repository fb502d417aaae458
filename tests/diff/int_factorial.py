# Factorials and other big-number loops.
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r
print(fact(100))
print(fact(25), fact(20), fact(21))
def fact_rec(n):
    return 1 if n <= 1 else n * fact_rec(n - 1)
print(fact_rec(50) == fact(50))
f = fact(100)
digits = 0
zeros = 0
while f % 10 == 0:
    f //= 10
    zeros += 1
print('trailing zeros', zeros)
print('digit sum', sum(int(c) for c in str(fact(100))))
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
print(fib(100), fib(200))
print(fib(300) % 1000000007)
def binom(n, k):
    return fact(n) // (fact(k) * fact(n - k))
print(binom(100, 50))
print(2 ** 127 - 1)
