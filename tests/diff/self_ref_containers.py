# Containers that contain themselves print with ... placeholders.
a = [1]
a.append(a)
print(a)
print(len(a), a[1] is a, a[1][1][0])
d = {'k': 1}
d['self'] = d
print(d)
l = []
l.append(l)
l.append(l)
print(l)
x = [1, 2]
y = [x, x]
print(y)
outer = [0]
inner = [outer]
outer.append(inner)
print(outer)
print(repr(a), str(d))
t = ([],)
t[0].append(t)
print(t)
m = {1: []}
m[1].append(m)
print(m)
