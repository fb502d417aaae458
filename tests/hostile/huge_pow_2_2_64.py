x = 2 ** (2 ** 64)
print('unreachable')
