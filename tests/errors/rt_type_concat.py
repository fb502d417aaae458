# expect: 1 3 TypeError: can only concatenate str (not "int") to str
n = 5
print("n = " + n)
