# expect: 1 3 OverflowError: math range error
import math
print(math.exp(1000))
