# expect: 1 3 ValueError: math domain error
import math
print(math.sqrt(-1))
