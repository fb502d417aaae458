import sys
sys.setrecursionlimit(-5)
