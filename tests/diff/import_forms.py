# All import forms for the supported modules.
import math
import sys
import time
import random
import math as m
import random as rnd, time as t
from math import sqrt, pi as PI
from math import floor
from sys import argv as arguments
print(math.sqrt(16), m.sqrt(25), sqrt(36))
print(PI == math.pi, floor(2.7))
print(math is m, rnd is random, t is time)
print(arguments == sys.argv)
def local_import():
    import math as mm
    from math import e
    return mm.floor(e)
print(local_import())
if True:
    from math import (
        ceil,
        trunc as tr,
    )
print(ceil(1.2), tr(-1.7))
