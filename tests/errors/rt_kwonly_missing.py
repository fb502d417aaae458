# expect: 1 4 TypeError: f() missing 1 required keyword-only argument: 'key'
def f(a, *, key):
    return a
f(1)
