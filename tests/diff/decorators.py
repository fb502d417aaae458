# Function decorators written as closures.
def shout(fn):
    def wrapper(*args, **kwargs):
        return str(fn(*args, **kwargs)).upper() + '!'
    return wrapper

@shout
def greet(name):
    return 'hello ' + name
print(greet('ann'))

calls = []
def trace(fn):
    def wrapper(*a):
        calls.append(a)
        return fn(*a)
    return wrapper

@trace
def add(a, b):
    return a + b
print(add(1, 2), add(3, 4), calls)

def twice(fn):
    def w(x):
        return fn(fn(x))
    return w

@twice
@trace
def inc(x):
    return x + 1
print(inc(10), len(calls))

def memoize(fn):
    cache = {}
    def w(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return w

@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(90))

def register(fn):
    registry.append(fn(0))
    return fn
registry = []
@register
def zero(x):
    return 'zero ' + str(x)
print(registry, zero(1))
