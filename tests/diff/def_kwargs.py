# **kwargs and keyword arguments.
def show(**kw):
    return sorted(kw.items())

print(show())
print(show(a=1, b=2))

def mixed(a, b=0, **opts):
    return (a, b, opts)

print(mixed(1))
print(mixed(1, 2, x=3))
print(mixed(b=5, a=6, z=7, y=8))

def passthrough(**kw):
    return show(**kw)
print(passthrough(q=1, p=2))

def order(**kw):
    return list(kw)
print(order(z=1, a=2, m=3))

opts = {'b': 20, 'extra': True}
print(mixed(10, **opts))
print(dict(a=1, b=2), dict({'x': 1}, y=2))
