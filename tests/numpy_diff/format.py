import numpy as np
for v in [[0.0, 2.5, 5.0], [1.0, 2.0, 3.0], [-1.5, 2.25, 3.0], [0.1, 0.2, 0.3], [1/3, 2/3],
          [1e-5, 1.0], [1e8, 1.0], [123456.789, 0.5], [1e16, 2.0], [1e-300, 1e300],
          [0.0], [-0.0, 0.0], [float("nan")], [float("inf"), -float("inf")], [1.5, float("nan")],
          [100.0, 200.0, 1000.5], [3.14159265358979, 2.718281828459045], [1e-4, 1e-3],
          [0.00012345678912, 1.0], [999999.99999999, 1.0], [0.5, 1e5]]:
    a = np.array(v)
    print(a)
    print(repr(a))
for v in [[1, 2, 3], [-10, 5, 1000], [0], [2**62, -2**62]]:
    a = np.array(v)
    print(a, repr(a))
print(np.array([True, True]), repr(np.array([False])))
print(repr(np.arange(12).reshape(3, 4)), np.arange(12).reshape(3, 4))
print(repr(np.arange(12.0).reshape(4, 3) * 1.5))
print(repr(np.linspace(0, 1, 40)))
print(np.linspace(-1, 1, 33))
print(repr(np.arange(1500)))
print(repr(np.arange(3000.0).reshape(50, 60)))
print(np.arange(2000).reshape(40, 50) % 7 == 0)
print(repr(np.zeros((2, 0))), repr(np.array([])), np.zeros((0, 3)), repr(np.zeros(0, dtype=int)))
print(repr(np.eye(3, dtype=bool)), repr(np.ones((2, 3), dtype=int)))
print(repr(np.array([[1e-5, 2.0], [3.0, -4e5]])))
print(repr(np.array([1.0, -2.0, 3.5]) * 1e20))
