# Decorators with arguments (decorator factories).
def repeat(times):
    def deco(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(times)]
        return wrapper
    return deco

@repeat(3)
def hello(x):
    return 'hi ' + x
print(hello('bo'))

def prefix(p, sep=': '):
    def deco(fn):
        def wrapper(msg):
            return p + sep + fn(msg)
        return wrapper
    return deco

@prefix('LOG')
@prefix('inner', sep=' | ')
def message(m):
    return m
print(message('text'))

def validate(check):
    def deco(fn):
        def wrapper(x):
            if not check(x):
                raise ValueError('invalid: ' + repr(x))
            return fn(x)
        return wrapper
    return deco

@validate(lambda v: v > 0)
def recip(v):
    return 1 / v
print(recip(4))
try:
    recip(-2)
except ValueError as e:
    print(e)

counter = {'n': 0}
def counted(fn):
    def w(*a, **k):
        counter['n'] += 1
        return fn(*a, **k)
    return w
@counted
def kw(a, b=1, *, c=2):
    return a + b + c
print(kw(1), kw(1, 2, c=3), counter)
