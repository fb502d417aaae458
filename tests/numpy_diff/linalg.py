import numpy as np
a = np.arange(6.0).reshape(2, 3)
b = np.arange(12.0).reshape(3, 4)
v = np.array([1.0, 2.0, 3.0])
print(a @ b, np.dot(a, b), np.matmul(a, b))
print(a @ v, v @ b, v @ v, np.dot(v, v), np.dot(a, v), np.dot(2.0, v))
i = np.arange(6).reshape(2, 3)
print(i @ np.arange(6).reshape(3, 2), i.dot(np.ones(3, dtype=int)))
print(a.T @ a, a @ a.T, a[:, 1:] @ b[1:, ::2])
n = 70
m = (np.arange(n * n) % 13).reshape(n, n) * 0.5
p = m @ m
print(p.sum(), p[3, 5], p[69, 0], p.max())
e = np.eye(4)
print(np.allclose(e @ e, e), np.allclose(np.array([1.0, 2.0]), np.array([1.0, 2.0000001])), np.allclose(v, v + 1e-3))
big = np.arange(200 * 300, dtype=float).reshape(200, 300) / 1000
w = big @ big.T
print(w.shape, w[0, 0], w[199, 199], w.sum())
print(np.dot(big, big.T, release_gil=False).shape if False else w.shape)
