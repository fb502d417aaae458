# expect: 1 4 SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
def f():
    return 1
f() = 2
