# expect: 1 4 SyntaxError: keyword argument repeated: a
def f(**kw):
    return kw
f(a=1, a=2)
