import numpy as np
a = np.arange(12.0).reshape(3, 4) / 7
print(a.sum(), a.mean(), a.min(), a.max(), a.std(), a.var())
print(a.sum(axis=0), a.sum(axis=1), a.mean(axis=0), a.mean(axis=1), a.max(axis=0), a.min(axis=1))
print(a.argmax(), a.argmin(), np.argmax(np.array([1, 5, 5, 2])), a.prod(), np.arange(1, 6).prod())
print(np.sum(a), np.mean(a), np.sum(a, axis=1), np.min(a), np.max(a, axis=0), np.sum([1, 2, 3]))
i = np.arange(10)
print(i.sum(), i.mean(), i.min(), i.max(), i.std())
print(np.array([True, False, True]).sum(), np.array([True, False]).any(), np.array([True, False]).all())
x = np.linspace(0, 1, 1001)
print(x.sum(), x.mean(), (x * x).sum(), x[::3].sum(), x.std())
y = np.arange(100000) * 0.001
print(y.sum(), y.mean(), y.max())
z = np.arange(3000.0).reshape(60, 50) / 11
print(z.sum(), z.T.sum(), z[:, ::2].sum(), z.sum(axis=0)[:3], z.sum(axis=1)[:3])
print(np.array([1.0, np.nan, 3.0]).max(), np.array([1.0, np.nan]).min())
