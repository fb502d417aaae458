# expect: 1 4 NameError: cannot access free variable 'x' where it is not associated with a value in enclosing scope
def outer():
    def inner():
        return x
    r = inner()
    x = 1
    return r
outer()
