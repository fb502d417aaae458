# Keyword-only parameters.
def f(a, *, key, flag=False):
    return (a, key, flag)

print(f(1, key='k'))
print(f(1, key='k', flag=True))
print(f(a=0, key=None))

def g(*args, sep='-'):
    return sep.join(str(x) for x in args)
print(g(1, 2, 3))
print(g(1, 2, 3, sep='+'))

def h(x, *, y=1, z):
    return x + y + z
print(h(1, z=10))
print(h(1, z=10, y=100))

try:
    f(1, 'k')
except TypeError as e:
    print('TypeError:', e)
try:
    f(1)
except TypeError as e:
    print('TypeError:', e)
