# range objects.
r = range(10)
print(r, range(2, 5), range(0, 10, 3), range(5, 0, -1))
print(len(r), len(range(2, 5)), len(range(0, 10, 3)), len(range(5, 0, -1)), len(range(0)))
print(len(range(10, 0)), len(range(-5, 5, 2)), len(range(0, -10, -3)))
print(list(range(5)), list(range(2, 10, 2)), list(range(10, 0, -3)), list(range(0)))
print(r[3], r[-1], range(0, 20, 5)[2], range(10, 0, -2)[-1])
print(r[2:5], r[::2], r[::-1], range(0, 20, 2)[1:4], range(10)[8:2:-2])
print(list(r[::-1]), list(range(1, 10, 3)[::-1]))
print(5 in r, 10 in r, -1 in r, 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(r.index(7), range(0, 30, 5).index(15), r.count(3), r.count(11))
print(range(0, 5) == range(5), range(0) == range(2, 2), range(1, 3) == range(1, 4))
print(sum(range(101)), max(range(7)), min(range(3, 9)))
big = range(0, 10 ** 18, 7)
print(len(big), big[-1], 10 ** 17 in big, big[10 ** 15])
for i in range(3, -3, -2):
    print(i, end=' ')
print()
try:
    range(0, 10, 0)
except ValueError as e:
    print('ValueError:', e)
try:
    range(5)[5]
except IndexError as e:
    print('IndexError:', e)
