a = [1]
for x in a:
    if len(a) < 1000:
        a.append(x + 1)
print(len(a), a[-1])
