# random: getstate/setstate round trips and reseeding.
import random

random.seed(314)
state = random.getstate()
print(state[0], len(state[1]), state[1][-1], state[2], type(state[1]).__name__)
first = [random.random() for _ in range(5)]
random.setstate(state)
again = [random.random() for _ in range(5)]
print(first == again, first)

random.seed(1)
random.gauss()
st = random.getstate()
print(st[2] is not None, st[1][-1])
g1 = random.gauss()
random.setstate(st)
g2 = random.gauss()
print(g1 == g2, g1)

random.seed(2)
x = random.random()
random.seed(2)
print(random.random() == x)
random.seed(10)
s1 = random.getstate()
random.seed(10)
print(random.getstate() == s1)
random.setstate(s1)
print(random.getstate() == s1)
words = list(range(600))
random.seed(3)
random.shuffle(words)
st = random.getstate()
print(words[:10], st[1][-1])
