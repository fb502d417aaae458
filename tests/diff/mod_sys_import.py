# import of builtin modules: caching, aliases, from-imports and CPython's errors.
import math
import math as m2
import sys, time, random
from math import sqrt as root, pi
from random import seed, randint

print(math is m2, root(2.0), pi)
seed(3)
print(randint(1, 100))
print(math.__name__, sys.__name__, time.__name__, random.__name__)

def attempt(label, f):
    try:
        f()
        print(label, 'ok')
    except ImportError as e:
        print(label, type(e).__name__, e)

def imp_nosuch():
    import nosuch_module_xyz
def imp_dotted():
    import nosuch_pkg.sub
def imp_math_sub():
    import math.sub
def from_sys_missing():
    from sys import nosuch
def from_time_missing():
    from time import nosuch
def from_nosuch():
    from nosuch_module_xyz import thing

attempt('import nosuch_module_xyz', imp_nosuch)
attempt('import nosuch_pkg.sub', imp_dotted)
attempt('import math.sub', imp_math_sub)
attempt('from sys import nosuch', from_sys_missing)
attempt('from time import nosuch', from_time_missing)
attempt('from nosuch_module_xyz import thing', from_nosuch)
try:
    import nosuch_module_xyz
except ModuleNotFoundError as e:
    print(isinstance(e, ImportError), e)
try:
    math.nosuch
except AttributeError as e:
    print(e)

from math import *
print(floor(7.5), e, tau)
print(__name__)
