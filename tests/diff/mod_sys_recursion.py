# sys.setrecursionlimit bounds Python recursion; RecursionError is catchable.
import sys

def depth(n):
    return depth(n + 1)

sys.setrecursionlimit(100)
try:
    depth(0)
except RecursionError as e:
    print('RecursionError', e)

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

print(fact(50) == fact(49) * 50)
try:
    fact(200)
except RecursionError:
    print('200 is too deep with limit 100')
sys.setrecursionlimit(3000)
print(fact(2000) % 1000000007)
print(sys.getrecursionlimit())
