# random: choice, shuffle, sample, choices (seeded).
import random

random.seed(99)
data = list(range(20))
random.shuffle(data)
print(data)
random.shuffle(data)
print(data)
empty = []
random.shuffle(empty)
one = ['x']
random.shuffle(one)
print(empty, one)
words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon']
print([random.choice(words) for _ in range(8)])
print(random.choice('abcdef'), random.choice((1, 2, 3)), random.choice(range(100, 200)), random.choice(b'xyz'))
print(random.choice({0: 'zero'}), random.choice([None]))
print(random.sample(data, 5), random.sample('abcdefgh', 3), random.sample(range(10**9), 4))
print(random.sample(range(1000), 10), random.sample(range(100000), 12))
print(random.sample(words, 5), random.sample(words, 0), random.sample((1, 2, 3), k=2))
print(random.sample(['a', 'b', 'c'], 4, counts=[1, 2, 3]), random.sample(range(3), k=3, counts=[5, 0, 1]))
print(random.choices(words), random.choices(words, k=6), random.choices(words, k=0), random.choices(words, k=-3))
print(random.choices(words, [1, 0, 0, 0, 5], k=6))
print(random.choices(words, weights=[0.1, 0.2, 0.3, 0.2, 0.2], k=5))
print(random.choices(words, cum_weights=[1, 2, 3, 4, 10], k=5))
print(random.choices('ab', [1, 1], k=10), random.choices(range(3), [2.5, True, 1], k=4))
print(random.choices((7,), k=3))
big = list(range(500))
random.shuffle(big)
print(big[:15], sum(big))
print(sorted(random.sample(big, 20)))
