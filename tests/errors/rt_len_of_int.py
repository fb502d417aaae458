# expect: 1 2 TypeError: object of type 'int' has no len()
print(len(42))
