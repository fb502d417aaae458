# expect: 1 4 TypeError: f() got multiple values for argument 'a'
def f(a, b=2):
    return a
f(1, a=2)
