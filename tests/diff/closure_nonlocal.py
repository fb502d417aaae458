# nonlocal across several levels, and cells shared by closures.
def outer():
    x = 0
    def mid():
        def inner():
            nonlocal x
            x += 1
            return x
        return inner
    f = mid()
    f(); f()
    return x
print(outer())

def pair():
    value = 'init'
    def get():
        return value
    def set(v):
        nonlocal value
        value = v
    return get, set
g, s = pair()
print(g())
s('changed')
print(g())

def shadow():
    x = 1
    def inner():
        x = 2
        return x
    inner()
    return x
print(shadow())

def fib_memo():
    memo = {}
    def fib(n):
        if n < 2:
            return n
        if n not in memo:
            memo[n] = fib(n - 1) + fib(n - 2)
        return memo[n]
    return fib
print(fib_memo()(80))
