# expect: 1 3 TypeError: 'int' object is not callable
x = 5
y = x()
