def collatz(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def evens(limit):
    return [k for k in range(limit) if k % 2 == 0]


total = 0
for i in range(1, 10):
    if i == 5:
        continue
    total += collatz(i)
print(total, evens(10))
