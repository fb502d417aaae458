# expect: 1 5 NameError: name 'contr' is not defined. Did you mean: 'counter'?
counter = 0
for i in range(3):
    counter += i
print(contr)
