def f(a, b, *rest, **kw):
    return f(a + 1, [b], *rest, **kw)
f(0, 0, 1, 2, 3, k=1)
