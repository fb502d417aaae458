# expect: 1 2 TypeError: '<' not supported between instances of 'str' and 'int'
print(sorted([3, "a", 1]))
