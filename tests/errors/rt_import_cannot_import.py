# expect: 1 3 ImportError: cannot import name 'x' from 'time' (unknown location)
from math import sqrt
from time import x
