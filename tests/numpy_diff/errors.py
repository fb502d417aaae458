import numpy as np
def t(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__ + ":", e)
t(lambda: np.array([1, 2, 3]) + np.array([1, 2, 3, 4]))
t(lambda: np.ones((2, 3)) @ np.ones((2, 3)))
t(lambda: np.dot(np.ones((2, 3)), np.ones((2, 3))))
t(lambda: np.ones(3) @ 2.0)
t(lambda: np.ones(6).reshape(4, 2))
t(lambda: np.ones(6).reshape(4, -1))
t(lambda: np.ones(3)[5])
t(lambda: np.ones((2, 3))[1, 2, 3])
t(lambda: np.ones((2, 3))[2, 0])
t(lambda: np.ones((2, 3))[0, -4])
t(lambda: np.ones(3)[1.5])
t(lambda: np.array([1, 2]) ** -1)
t(lambda: np.array([True]) - np.array([True]))
t(lambda: -np.array([True]))
t(lambda: np.ones(3).sum(axis=2))
t(lambda: np.zeros(0).min())
t(lambda: np.array([[1, 2], [3]]))
t(lambda: np.ones(3) & np.ones(3))
t(lambda: ~np.ones(3))
t(lambda: np.ones(3).astype("foo"))
t(lambda: np.matmul(np.ones(3), np.ones(4)))
t(lambda: np.dot(np.ones(3), np.ones(4)))
t(lambda: np.dot(np.ones((2, 3)), np.ones(4)))
t(lambda: np.ones(3) + np.ones((2, 2)))
t(lambda: np.ones((2, 3)) * np.ones((3, 2)))
def inplace():
    a = np.arange(5)
    a += 1.5
t(inplace)
def inplace2():
    a = np.arange(5)
    a /= 2
t(inplace2)
def inplace3():
    a = np.ones(3)
    a += np.ones((2, 3))
t(inplace3)
def setbad():
    a = np.ones((2, 3))
    a[0] = np.ones(4)
t(setbad)
def setnan():
    a = np.arange(3)
    a[0] = float("nan")
t(setnan)
t(lambda: np.random.seed(-1))
t(lambda: np.random.randint(5, 5))
t(lambda: np.array([1.0, 2.0]) << 1)
t(lambda: np.array([-2**63, 7]) // -1)
t(lambda: np.arange(5)[::0])
t(lambda: np.zeros((0, 3)).max(axis=0))
t(lambda: np.ones((2, 2))[..., ...])
