# Closure-heavy code: counters with `nonlocal`, adders built by factories,
# composed lambdas, closures created inside loops, map/filter with lambdas,
# sorted() with a closure as key -- cell loads/stores and calls of nested
# functions.


def make_counter():
    count = 0

    def inc(k):
        nonlocal count
        count += k
        return count

    return inc


def make_adder(n):
    def add(x):
        return x + n

    return add


def compose(f, g):
    return lambda x: f(g(x))


def make_accumulator():
    items = []

    def push(x):
        items.append(x)
        return len(items)

    def total():
        return sum(items)

    return push, total


def work(n):
    counter = make_counter()
    f = compose(make_adder(3), lambda x: x * 2)
    g = compose(f, make_adder(-1))
    acc = 0
    for i in range(n):
        acc = (acc + g(i) + counter(i & 3)) % 1000000007

    adders = [make_adder(k) for k in range(1000)]
    s = 0
    for rep in range(500):
        for h in adders:
            s += h(rep)

    push, total = make_accumulator()
    for i in range(100000):
        push(i % 17)
    scale = 3
    mapped = sum(map(lambda x: x * scale, filter(lambda x: x % 3 == 0, range(200000))))
    order = sorted(range(5000), key=lambda v: (v * scale) % 101)
    return acc, counter(0), s, total(), mapped, order[:3], order[-1]


for value in work(1000000):
    print(value)
