import sys
sys.setrecursionlimit(10**6)
def k(v):
    return sorted([v], key=k)
k(1)
