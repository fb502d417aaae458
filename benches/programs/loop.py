# A `while` loop of integer arithmetic, 5 * 10**6 iterations inside a function:
# local loads/stores, compare-and-branch, + * % & on small ints.


def work(n):
    i = 0
    acc = 0
    while i < n:
        acc = (acc * 31 + i * 7 + (i & 15)) % 1000003
        i += 1
    return acc


print(work(5000000))
