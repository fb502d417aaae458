# Seeded random streams: counts and sampling are reproducible.
import random
random.seed(2024)
counts = {}
for _ in range(600):
    v = random.randint(1, 6)
    counts[v] = counts.get(v, 0) + 1
print(sorted(counts.items()))
random.seed(1)
a = [random.random() for _ in range(5)]
random.seed(1)
b = [random.random() for _ in range(5)]
print(a == b, a[0])
random.seed(99)
l = list('abcdefghij')
random.shuffle(l)
print(''.join(l))
random.shuffle(l)
print(''.join(l))
print(random.randint(5, 5), random.choice([42]))
random.seed(3)
print([random.randint(0, 1) for _ in range(20)])
print([random.randint(0, 2 ** 33) for _ in range(2)])
print(random.uniform(0, 1e-9) < 1e-9)
