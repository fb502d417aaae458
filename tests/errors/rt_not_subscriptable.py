# expect: 1 3 TypeError: 'int' object is not subscriptable
x = 5
print(x[0])
