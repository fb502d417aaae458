import numpy as np
a = np.array([1.0, -2.0, 3.5, 0.0])
b = np.array([2.0, 4.0, -1.0, 8.0])
print(a + b, a - b, a * b, a / b, a ** 2, b ** 0.5)
print(a // b, a % b, -a, +a, abs(a))
print(a + 1, 1 + a, a - 1, 1 - a, 2 * a, a / 2, 2 / b, a ** 3, 2 ** b)
print(a < b, a <= b, a > b, a >= b, a == b, a != b, a == 0, 0 < a)
i = np.arange(-3, 4)
print(i + 1, i * i, i // 2, i % 3, i / 2, i ** 2, -i, abs(i), i // -2, i % -3)
print(i + 0.5, i * 1.5, i == 0, i & 3, i | 8, i ^ 1, ~i, i << 2, i >> 1)
print(i + True, i * False)
bb = np.array([True, False, True])
print(bb + bb, bb * bb, bb & bb, bb | np.array([False, False, True]), bb ^ bb, ~bb, bb + 1, bb * 2.5, bb / 2)
m = np.arange(6.0).reshape(2, 3)
print(m + np.array([10.0, 20.0, 30.0]), m * np.array([[1.0], [2.0]]), m - m.mean())
print(m + [1, 2, 3], m == m.T.T, m.T + 1)
print(np.sqrt(np.arange(5)), np.exp(np.array([0.0, 1.0, -1.0])), np.log(np.array([1.0, 2.0, 10.0])))
print(np.sin(np.array([0.0, 1.0])), np.cos(np.array([0.0, 1.0])), np.abs(np.array([-1.5, 2.0])), np.abs(-3), np.sqrt(16))
print(np.floor(np.array([1.5, -1.5])), np.ceil(np.array([1.5, -1.5])), np.log10(np.array([10.0, 1000.0])))
z = np.zeros(3)
z += 1
z *= 3
z -= np.array([1.0, 2.0, 3.0])
z /= 2
print(z)
k = np.arange(4)
k += 1
k *= k
k //= 3
print(k)
print(np.arange(5) * 0.1, np.arange(10, dtype=float) / 3)
