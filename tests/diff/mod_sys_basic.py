# sys: argv, version numbers, limits, switch interval, refcounts.
import sys

print(sys.argv, type(sys.argv).__name__, len(sys.argv))
print(sys.version_info[0], sys.version_info[:2], sys.version_info >= (3, 8), sys.version_info < (4,))
print(sys.version.startswith('3.11'), sys.platform, sys.maxsize, sys.maxsize == 2**63 - 1, sys.byteorder)
print(sys.maxunicode, sys.hexversion >> 24, sys.getdefaultencoding())

print(sys.getrecursionlimit())
sys.setrecursionlimit(500)
print(sys.getrecursionlimit())
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())

print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
sys.setswitchinterval(2)
print(sys.getswitchinterval())
sys.setswitchinterval(0.0000015)
print(sys.getswitchinterval())
sys.setswitchinterval(0.005)
print(sys.getswitchinterval())

a = [1, 2, 3]
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
holder = {'k': a, 'j': [a, a]}
print(sys.getrefcount(a))
del b
print(sys.getrefcount(a))
def count(x):
    return sys.getrefcount(x)
print(count(a))
print(sys.getrefcount([]), sys.getrefcount({}))

try:
    raise KeyError('k')
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v))
print(sys.exc_info())
print(sys.intern('abc'))

def check(label, f):
    try:
        print(label, '->', repr(f()))
    except (ValueError, TypeError, OverflowError, RecursionError) as e:
        print(label, '!!', repr(e))

check('setrecursionlimit(0)', lambda: sys.setrecursionlimit(0))
check('setrecursionlimit(-5)', lambda: sys.setrecursionlimit(-5))
check('setrecursionlimit(1.5)', lambda: sys.setrecursionlimit(1.5))
check('setrecursionlimit("9")', lambda: sys.setrecursionlimit("9"))
check('setrecursionlimit(10**30)', lambda: sys.setrecursionlimit(10**30))
check('setrecursionlimit(2**31)', lambda: sys.setrecursionlimit(2**31))
check('setrecursionlimit()', lambda: sys.setrecursionlimit())
check('setrecursionlimit(n=5)', lambda: sys.setrecursionlimit(n=5))
check('setrecursionlimit(2)', lambda: sys.setrecursionlimit(2))
check('getrecursionlimit(1)', lambda: sys.getrecursionlimit(1))
check('setswitchinterval(0)', lambda: sys.setswitchinterval(0))
check('setswitchinterval(-1)', lambda: sys.setswitchinterval(-1))
check('setswitchinterval("a")', lambda: sys.setswitchinterval("a"))
check('setswitchinterval(None)', lambda: sys.setswitchinterval(None))
check('getswitchinterval(1)', lambda: sys.getswitchinterval(1))
check('getrefcount()', lambda: sys.getrefcount())
check('getrefcount(1, 2)', lambda: sys.getrefcount(1, 2))
check('exit(1, 2)', lambda: sys.exit(1, 2))
check('exit(code=1)', lambda: sys.exit(code=1))
check('intern(5)', lambda: sys.intern(5))
print(sys.getrecursionlimit(), sys.getswitchinterval())
