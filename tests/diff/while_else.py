# while loops with else, break and continue.
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print('i =', i)
else:
    print('loop finished normally')

n = 0
while True:
    n += 1
    if n >= 3:
        break
print('n =', n)

j = 10
while j > 0:
    if j == 7:
        print('found 7')
        break
    j -= 1
else:
    print('never printed')

k = 0
while k < 0:
    print('not run')
else:
    print('else runs when condition false at start')

def collatz(x):
    steps = 0
    while x != 1:
        x = x // 2 if x % 2 == 0 else 3 * x + 1
        steps += 1
    return steps
print(collatz(27))
