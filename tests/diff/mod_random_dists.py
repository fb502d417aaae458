# random: the real-valued distributions, seeded.
import random

random.seed(1234)
print([random.gauss() for _ in range(4)])
print(random.gauss(10, 2), random.gauss(mu=-1, sigma=0.5), random.gauss(0, 0), random.gauss(5, 1))
print([random.normalvariate() for _ in range(3)], random.normalvariate(100, 15), random.normalvariate(2, 0))
print(random.lognormvariate(0, 1), random.lognormvariate(1, 0.5))
print(random.expovariate(1), random.expovariate(0.5), random.expovariate(3), random.expovariate(-2))
print(random.triangular(), random.triangular(0, 10), random.triangular(0, 10, 2), random.triangular(10, 0, 8))
print(random.triangular(1, 1), random.triangular(1, 1, 1), random.triangular(2.5, 2.5, 0))
print(random.betavariate(2, 5), random.betavariate(0.5, 0.5), random.betavariate(1, 1))
print(random.gammavariate(0.5, 1), random.gammavariate(1, 2), random.gammavariate(2.5, 3), random.gammavariate(9, 0.5))
print(random.vonmisesvariate(0, 0), random.vonmisesvariate(1, 4), random.vonmisesvariate(3, 1e-7), random.vonmisesvariate(-2, 200))
print(random.paretovariate(1), random.paretovariate(2.5), random.paretovariate(3))
print(random.weibullvariate(1, 1), random.weibullvariate(2, 0.5), random.weibullvariate(1.5, 3))
s = 0.0
for i in range(2000):
    s += random.gauss(0, 1)
print(round(s, 6))
random.seed(7)
a = random.gauss()
random.seed(7)
b = random.gauss()
print(a == b)
