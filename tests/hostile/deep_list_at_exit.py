x = []
for i in range(1000000):
    x = [x]
print('exiting')
