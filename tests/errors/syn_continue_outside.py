# expect: 1 3 SyntaxError: 'continue' not properly in loop
def f():
    continue
f()
