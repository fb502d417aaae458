# expect: 1 4 TypeError: f() got an unexpected keyword argument 'z'
def f(x, y):
    return x
f(1, z=3)
