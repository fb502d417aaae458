# Recursive calls of a function's own global name (mini passes the running
# function to the new frame without counting a reference): results,
# exceptions between the load and the call, the general call path
# (defaults, *args), rebinding the name, reference counts afterwards.
import sys


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


before = sys.getrefcount(fib)
print(fib(20), fib(1), fib(0))
print("refcount kept:", sys.getrefcount(fib) == before)


# An exception while the arguments are evaluated, caught in the function
# and outside it.
def inv(n):
    try:
        return inv(1 // n) + 1
    except ZeroDivisionError:
        return -100


print(inv(0))


def pick(xs, i):
    if i < 0:
        return "done"
    return pick(xs, xs[i])


try:
    pick([3, 2, 5], 2)
except IndexError as e:
    print("IndexError", e)
before = sys.getrefcount(pick)
print(pick([-1, 0, 1], 2))
for _ in range(100):
    try:
        pick([5, 7], 1)
    except IndexError:
        pass
print("refcount kept:", sys.getrefcount(pick) == before)


def undefined_arg(n):
    if n == 0:
        return nope
    return undefined_arg(n - 1)


try:
    undefined_arg(3)
except NameError as e:
    print("NameError", e)


# Defaults and *args: the call goes the general way.
def countdown(n, step=1):
    if n <= 0:
        return [n]
    return [n] + countdown(n - step)


def total(*xs):
    if not xs:
        return 0
    return xs[0] + total(*xs[1:])


def sum_to(n, *rest):
    if n == 0:
        return len(rest)
    return sum_to(n - 1)


before = sys.getrefcount(countdown), sys.getrefcount(sum_to)
print(countdown(5), countdown(7, 3), total(1, 2, 3, 4), sum_to(50))
print("refcount kept:", (sys.getrefcount(countdown), sys.getrefcount(sum_to)) == before)


# Wrong argument count: TypeError from the recursive call.
def arity(n):
    if n == 0:
        return arity()
    return arity(n - 1)


try:
    arity(3)
except TypeError as e:
    print("TypeError", e)


# The name rebound: the recursive call goes to whatever the global is now.
def first(n):
    global first
    if n == 3:
        first = second
    if n == 0:
        return ["first"]
    return [n] + first(n - 1)


def second(n):
    return ["second", n]


print(first(5))
print(first(2))


# The function deleted from the globals while it runs: the frames below
# keep it alive, the next recursive call raises NameError.
def vanish(n):
    global vanish
    if n == 2:
        del vanish
    if n == 0:
        return "bottom"
    return vanish(n - 1)


keep = vanish
try:
    keep(4)
except NameError as e:
    print("NameError", e)


# A decorated function's name refers to the wrapper.
def traced(f):
    def wrapper(n):
        return f(n) + 1

    return wrapper


@traced
def fact(n):
    return 1 if n < 2 else n * fact(n - 1)


print(fact(10))


# Deep recursion: RecursionError unwinds every frame and the function is
# still whole afterwards.
def deep(n):
    return deep(n + 1)


before = sys.getrefcount(deep)
for _ in range(3):
    try:
        deep(0)
    except RecursionError:
        print("RecursionError")
print("refcount kept:", sys.getrefcount(deep) == before)


# Mutual recursion and recursion through a nested function are ordinary
# calls.
def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def outer(n):
    def inner(k):
        return 0 if k == 0 else 1 + inner(k - 1)

    return inner(n)


print(is_even(10), is_odd(7), outer(25))


# Arguments built from attributes, subscripts, unary and comparison
# operators, globals and cells.
LIMIT = 3


def shape(n, acc):
    if n > LIMIT:
        return acc
    return shape(-(-n) + 1, acc + [n < 2, sys.maxsize > 0, [n][0]])


print(shape(0, []))


# Two functions with the same code, each bound in turn to the global that
# their body calls: a recursive call goes to whatever the global holds now.
def factory(tag):
    global rec

    def rec(n):
        if n == 0:
            return tag
        return rec(n - 1)

    return rec


r1 = factory("first")
print(r1(3), r1(0))
r2 = factory("second")
print(r1(3), r1(0), r2(3))
rec = r1
print(r2(3), r2(0))
unrelated = 1
print(r1(2), r2(2))


# `f(n op const)`: the callee and the argument in one step, failing in the
# operator, with operands the fast arithmetic does not take (big ints,
# floats, strings), and with the global bound to another function.
def down(n):
    if n <= 0:
        return n
    return down(n - 1)


print(down(5), down(3.5), down(-1))


def down_to_zero(n):
    if n == 0:
        return n
    return down_to_zero(n - 1)


try:
    down_to_zero("x")
except TypeError as e:
    print("TypeError", e)
print(down_to_zero(2**65 - 2**65 + 3))


def halve(n):
    if n < 1:
        return 0
    return 1 + halve(n // 2)


print(halve(2**100), halve(10))


def shout(s):
    if len(s) > 6:
        return s
    return shout(s + "!")


print(shout("hey"))


def other(n):
    return ("other", n)


saved = down
down = other
print(saved(4))
down = saved
print(down(4))
