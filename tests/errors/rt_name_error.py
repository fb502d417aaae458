# expect: 1 3 NameError: name 'undefined_thing' is not defined
def f():
    return undefined_thing + 1
print("start")
f()
