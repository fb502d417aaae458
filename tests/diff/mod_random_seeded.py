# random: the same seed gives CPython's exact numbers.
import random

random.seed(42)
print(random.random(), random.random(), random.random())
print([random.randint(1, 6) for _ in range(20)])
print([random.randrange(100) for _ in range(10)])
print([random.randrange(5, 50, 5) for _ in range(5)], [random.randrange(10, 0, -3) for _ in range(5)])
print(random.randint(-10**30, 10**30), random.randrange(2**70), random.randrange(-5, 5))
print(random.randint(0, 2**64), random.randint(-2**63, 2**63 - 1), random.randrange(0, 10**25, 7))
print(random.uniform(1, 10), random.uniform(2.5, -1.5), random.uniform(5, 5), random.uniform(10**20, 10**20 + 10))
print([random.getrandbits(k) for k in [0, 1, 7, 31, 32, 33, 63, 64, 65, 128, 200]])
print(random.randbytes(0), random.randbytes(7))

for seed in [0, 1, 12345, -12345, 2**32, 2**64 + 5, 10**50, True, 3.5, -0.25, 1e100,
             'hello', '', 'ünïcödé', b'bytes', b'']:
    random.seed(seed)
    print(repr(seed), random.random(), random.randint(1, 1000))
random.seed('hello', version=1)
print(random.random())
random.seed(b'hello', version=1)
print(random.random())
random.seed(7, version=1)
print(random.random())
random.seed(a=99)
print(random.random())

random.seed(2024)
total = 0
for i in range(1000):
    total += random.randint(1, 100)
print(total)
random.seed(None)
print(0.0 <= random.random() < 1.0)
