# expect: 1 3 AssertionError: x should be 2
x = 1
assert x == 2, "x should be 2"
