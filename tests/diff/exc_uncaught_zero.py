# An uncaught ZeroDivisionError ends the program with exit status 1.
def compute(a, b):
    return a // b

print('before')
values = [4, 2, 0]
for v in values:
    print(100 // v if v else 'about to fail')
print(compute(1, 0))
print('never printed')
