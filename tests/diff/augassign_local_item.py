# `local[const] op= x` (mini updates the item of the container in the
# local slot without counting a reference to the container): lists, dicts,
# strings and tuples as the container, every simple right-hand side,
# failures in the read, the right-hand side and the store, reference
# counts afterwards.
import sys


def lists(n):
    b = [1.0, 2.0, 3.0, [4], "s", 6]
    k = 2
    for i in range(n):
        b[0] -= 0.5
        b[1] *= k
        b[2] += b[0] * b[1] - i
        b[3] += [i]
        b[4] *= 2
        b[-1] //= 2
        b[5] += -k if i else k
    return b


print(lists(3))


def dicts():
    d = {"a": 1, 2: [0]}
    d["a"] += 10
    d[2] += [1, 2]
    d["a"] <<= d["a"] & 3
    print(d)
    try:
        d["missing"] += 1
    except KeyError as e:
        print("KeyError", e)
    print(d)


dicts()


def failures():
    b = [1, 2]
    t = (1, 2)
    s = "ab"
    try:
        b[5] += 1
    except IndexError as e:
        print("IndexError", e, b)
    try:
        b[0] += "x"
    except TypeError as e:
        print("TypeError", e, b)
    try:
        b[1] /= b[0] - 1
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e, b)
    try:
        t[0] += 1
    except TypeError as e:
        print("TypeError", e, t)
    try:
        s[0] += "c"
    except TypeError as e:
        print("TypeError", e, s)
    n = 5
    try:
        n[0] += 1
    except TypeError as e:
        print("TypeError", e, n)


failures()


def unbound():
    try:
        v[0] += 1
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    v = [0]
    v[0] += 1
    return v


print(unbound())


def aliases_and_refcounts():
    a = [10, 20]
    b = a
    b[0] += 1
    a[1] -= b[0]
    print(a, b, a is b)
    before = sys.getrefcount(a)
    for _ in range(100):
        a[0] += 1
    print(a[0], sys.getrefcount(a) == before)
    grid = [[0, 0], [0, 0]]
    row = grid[1]
    row[0] += 5
    grid[0][1] += 7
    print(grid)


aliases_and_refcounts()
