# sys.argv, recursion limit.
import sys
print(sys.argv)
print(len(sys.argv), type(sys.argv))
print(sys.getrecursionlimit())
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(1500))
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())
try:
    depth(5000)
except RecursionError:
    print('RecursionError after lowering the limit')
print(isinstance(sys.version, str), isinstance(sys.platform, str))
