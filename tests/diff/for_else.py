# for loops with else.
def find(items, target):
    for idx, item in enumerate(items):
        if item == target:
            print('found', target, 'at', idx)
            break
    else:
        print(target, 'not found')

find([1, 2, 3], 2)
find([1, 2, 3], 9)
find([], 1)

for p in range(2, 20):
    for d in range(2, p):
        if p % d == 0:
            break
    else:
        print(p, end=' ')
print()

for ch in 'abc':
    pass
print(ch)
for x in []:
    pass
else:
    print('empty loop else')
for i in range(3):
    for j in range(3):
        if j == 1:
            continue
        if i == 2:
            break
        print(i, j)
