# Function return values: multiple, early, implicit None, recursion results.
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([4, 1, 9, 3])
print(lo, hi, minmax('hello'))
def early(n):
    if n < 0:
        return 'negative'
    for i in range(n):
        if i * i > n:
            return i
    return None
print(early(-1), early(50), early(0))
def no_return():
    x = 1
print(no_return())
def returns_function():
    def inner():
        return 'inner result'
    return inner
print(returns_function()())
def pass_body():
    pass
def ellipsis_body():
    ...
print(pass_body(), ellipsis_body(), ...)
def nested_calls(x):
    return str(len(list(range(x))))
print(nested_calls(12))
def many_returns(kind):
    return {'list': [1], 'tuple': (1,), 'dict': {1: 1}}.get(kind, 'unknown')
print([many_returns(k) for k in ('list', 'tuple', 'dict', 'x')])
def apply(fn, *args, **kwargs):
    return fn(*args, **kwargs)
print(apply(max, 3, 9, 2), apply(sorted, [3, 1], reverse=True), apply(lambda: 'thunk'))
