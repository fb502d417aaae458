# The VM's list fast paths: `local.append(x)` as a statement (mini appends
# to the list in the local slot without counting a reference to it) and
# `list.pop()` without arguments (no argument array, no native call):
# arguments of every simple shape, receivers that are not lists, exceptions
# while the argument is computed, unbound locals, empty lists, and
# reference counts afterwards.
import sys


def shapes(n):
    buf = []
    k = 3
    for i in range(n):
        buf.append(i)
        buf.append(i & 255)
        buf.append(i % 7 + k)
        buf.append(-i)
        buf.append("s")
        buf.append(buf[0])
        buf.append(len)
        buf.append(k < i)
    buf.append(buf)
    return buf


out = shapes(4)
print(len(out), out[:17], out[-1] is out)
before = sys.getrefcount(out)
shapes(2)
print("refcount kept:", sys.getrefcount(out) == before)


def not_lists():
    # Receivers of other types: the method looked up as usual.
    d = {}
    s = set()
    try:
        d.append(1)
    except AttributeError as e:
        print("AttributeError", e)
    try:
        s.append(1)
    except AttributeError as e:
        print("AttributeError", e)
    x = 5
    try:
        x.append(1)
    except AttributeError as e:
        print("AttributeError", e)


not_lists()


def receiver_changes_type(values):
    # The same statement sees a list, then a non-list, then a list again.
    n = len(values)
    for v in values:
        try:
            v.append(n)
            print("appended", v)
        except AttributeError as e:
            print("AttributeError", e)


receiver_changes_type([[1], (2,), [], "s", {}, [[]]])


def raising_arguments(xs):
    buf = []
    for i in range(4):
        try:
            buf.append(xs[i])
            buf.append(10 // (2 - i))
        except IndexError as e:
            print("IndexError", e, buf)
        except ZeroDivisionError as e:
            print("ZeroDivisionError", e, buf)
    return buf


print(raising_arguments([7, 8, 9]))


def unbound():
    try:
        buf.append(1)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    buf = []
    buf.append(2)
    return buf


print(unbound())


def deleted():
    buf = [1]
    del buf
    try:
        buf.append(2)
    except NameError as e:
        print(type(e).__name__, e)


deleted()


def as_expression():
    # Not a statement: the call's result (None) is used.
    buf = []
    r = buf.append(1)
    print(r, [buf.append(i) for i in range(3)], buf)


as_expression()


def aliases():
    a = []
    b = a
    b.append(1)
    a.append(2)
    print(a, b, a is b)
    rebound = [0]
    for i in range(3):
        rebound.append(i)
        rebound = rebound + [10]
    print(rebound)


aliases()


def many_appends(n):
    buf = []
    for i in range(n):
        buf.append(i)
        buf.append(i)
        buf.pop()
        if len(buf) >= 48:
            buf = []
    return len(buf), sum(buf)


print(many_appends(1000))


def pops():
    buf = [1, "two", [3], None]
    total = []
    total.append(buf.pop())
    buf.pop()
    total.append(buf.pop())
    x = buf.pop()
    print(total, x, buf)
    for call in range(2):
        try:
            if call:
                buf.pop()
            else:
                print(buf.pop())
        except IndexError as e:
            print("IndexError", e)
    d = {"a": 1}
    print(d.pop("a"), d)
    try:
        d.pop()
    except TypeError as e:
        print("TypeError", e)
    s = [5, 6, 7]
    print(s.pop(0), s.pop(-1), s)
    nested = [[1, 2], [3]]
    print(nested.pop().pop(), nested[-1].pop(), nested)


pops()


def pop_receivers():
    # `local.pop()` with the local rebound to every kind of receiver.
    out = []
    for buf in ([1, 2], {9}, [], {"k": 1}, "str", None, [[3]]):
        try:
            out.append(buf.pop())
            out.append(buf.pop())
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    print(out)
    total = 0
    buf = list(range(10))
    alias = buf
    while buf:
        total += buf.pop()
        total += len(alias)
    print(total, buf, alias is buf)
    item = [1]
    buf = [item]
    before = sys.getrefcount(item)
    got = buf.pop()
    print(got is item, sys.getrefcount(item) == before, sys.getrefcount(buf))
    del buf
    try:
        buf.pop()
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


pop_receivers()
shared = [1, 2, 3]


def pop_global():
    return shared.pop() + shared.pop()


print(pop_global(), shared)
before = sys.getrefcount(shared)
item = [0]
shared.append(item)
print(shared.pop() is item, sys.getrefcount(shared) == before, sys.getrefcount(item))
