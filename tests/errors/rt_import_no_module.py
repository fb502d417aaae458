# expect: 1 3 ModuleNotFoundError: No module named 'nosuchmod'
import math
import nosuchmod
