# Slices with negative steps.
l = list(range(10))
s = 'abcdefghij'
print(l[::-1], s[::-1])
print(l[::-2], s[::-3])
print(l[8:2:-1], l[8:2:-2], s[-1:-5:-1])
print(l[2:8:-1], l[:3:-1], l[3::-1])
print(l[-1::-4], s[5::-2], s[:-5:-1])
print(tuple(range(5))[::-1], 'racecar'[::-1] == 'racecar')
m = list(range(8))
m[::-2] = ['a', 'b', 'c', 'd']
print(m)
print(list(range(20))[15:2:-3])
print(''.join(reversed('stressed')), 'stressed'[::-1])
print([1, 2, 3][-1:-10:-1], [1, 2, 3][10:0:-1])
