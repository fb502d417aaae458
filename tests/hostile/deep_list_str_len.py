x = []
for i in range(50000):
    x = [x]
try:
    print(len(str(x)))
except RecursionError:
    print('RecursionError')
