import numpy as np
a = np.arange(12).reshape(3, 4)
print(a[1], a[1, 2], a[1][2], a[-1, -1], a[-1][-2])
print(a[:, 1], a[1:, 2:], a[::2, ::-1], a[..., 0], a[1, ...])
print(a[0:0], a[:, 0:0].shape)
v = a[1:, 1:3]
v[0, 0] = 100
print(a)
v[:] = -1
print(a)
a[0] = 5
print(a)
a[:, 0] = np.array([7, 8, 9])
print(a)
a[2, :] = [1, 2, 3, 4]
print(a)
b = np.arange(6.0)
b[::2] = 0.5
print(b, b[::-1], b[4:1:-1], b[10:], b[-100:2])
t = a.T
t[0, 1] = 42
print(a, t.shape)
r = np.arange(6).reshape(2, 3)
r2 = r.reshape(3, 2)
r2[0, 0] = 99
print(r, r2)
c = r.copy()
c[0, 0] = -5
print(r[0, 0], c[0, 0])
f = np.zeros(3, dtype=int)
f[1] = 2.7
print(f)
m = np.arange(10)
print(m[m % 3 == 0], m[[1, 3, 5]])
m[m > 6] = 0
print(m)
for row in np.arange(6).reshape(3, 2):
    print(row, row.sum())
print(np.arange(4.0).tolist(), np.eye(2).tolist())
print(float(np.arange(3)[1]), int(np.arange(3.0)[2]))
x = np.arange(5)
y = x[1:4]
y += 10
print(x)
y *= 2
print(x, y)
