# break and continue in nested loops.
out = []
for i in range(5):
    if i == 1:
        continue
    for j in range(5):
        if j > i:
            break
        if (i + j) % 2:
            continue
        out.append((i, j))
print(out)

count = 0
while True:
    count += 1
    if count % 2 == 0:
        continue
    if count > 9:
        break
print(count)

result = []
for word in ['apple', 'skip', 'banana', 'stop', 'cherry']:
    if word == 'skip':
        continue
    if word == 'stop':
        break
    result.append(word.upper())
print(result)

def first_negative(rows):
    for r, row in enumerate(rows):
        for c, val in enumerate(row):
            if val < 0:
                return r, c
    return None
print(first_negative([[1, 2], [3, -4], [-5, 6]]))
print(first_negative([[1]]))
