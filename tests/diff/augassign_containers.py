# Augmented assignment on containers, subscripts and strings.
l = [1, 2]
alias = l
l += [3]
print(l, alias, l is alias)
l *= 2
print(l, alias)
t = (1, 2)
t2 = t
t += (3,)
print(t, t2)
s = 'ab'
s += 'cd'
s *= 2
print(s)
d = {'n': 1}
d['n'] += 10
d['n'] *= 3
print(d)
m = [[0, 0], [0, 0]]
m[1][0] += 5
m[0][1] -= 2
print(m)
counts = {}
for ch in 'mississippi':
    counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items()))
lst = [1, 2, 3]
lst[-1] **= 3
lst[0] <<= 4
print(lst)
e = []
e += 'xyz'
e += range(2)
print(e)
