# Slicing lists, strings, tuples.
l = list(range(10))
s = 'abcdefghij'
t = tuple(range(5))
print(l[2:5], l[:3], l[7:], l[:], l[-3:], l[:-7])
print(s[1:4], s[::2], s[1::3], s[-4:-1], s[100:], s[:100])
print(t[1:3], t[::2], t[5:], t[-2:])
print(l[2:8:2], l[8:2], l[-1:-4], s[3:3])
print(l[-100:100], s[-100:2])
m = l[:]
m[2:4] = ['x', 'y', 'z']
print(m)
m[1:1] = [99]
print(m)
m[:] = [1, 2]
print(m)
m = list(range(10))
m[::3] = ['a', 'b', 'c', 'd']
print(m)
m[5:] = []
print(m)
print('hello'[1:-1], 'hello'[0], 'hello'[-1])
n = list(range(6))
print(n[1:5:None], n[None:None:2])
i, j = 1, 4
print(n[i:j], s[i:j * 2])
