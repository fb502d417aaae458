# Builtins that call back into Python functions (map, filter, sorted's key,
# min/max's key): plain positional functions take the call's fast path,
# functions with defaults, *args, keyword-only parameters or cells the
# binding path; wrong argument counts raise the usual TypeError.
def scale(x, k=10):
    return x * k


def spread(*xs):
    return len(xs)


def kwonly(x, *, k=3):
    return x - k


def outer(n):
    def inner(x):
        return x + n

    def with_cell(x):
        y = x * 2

        def g():
            return y

        return g()

    return inner, with_cell


inner, with_cell = outer(5)
data = list(range(12))
print(list(map(lambda x: x * x, data)))
print(list(map(scale, data)), list(map(spread, data)), list(map(kwonly, data)))
print(list(map(inner, data)), list(map(with_cell, data)))
print(list(filter(lambda x: x % 3, data)), list(filter(None, [0, 1, "", "a"])))
print(sorted(data, key=lambda v: (v * 7) % 5), sorted(data, key=scale, reverse=True))
print(min(data, key=inner), max(data, key=lambda v: -v), sum(map(with_cell, data)))
print(list(map(lambda a, b: a * b, data, reversed(data))))
for f in (lambda: 1, lambda a, b: a, lambda a, b, c=1: a):
    try:
        print(list(map(f, data)))
    except TypeError as e:
        print("TypeError", e)
