# expect: 1 4 SyntaxError: no binding for nonlocal 'x' found
def outer():
    def inner():
        nonlocal x
        x = 2
    return inner
outer()
