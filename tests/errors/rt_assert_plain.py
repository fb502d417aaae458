# expect: 1 3 AssertionError
x = 1
assert x == 2
