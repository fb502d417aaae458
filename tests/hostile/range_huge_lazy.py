n = 0
for i in range(10 ** 20):
    n += 1
    if i > 5:
        break
print(n, range(10 ** 20)[10 ** 19])
