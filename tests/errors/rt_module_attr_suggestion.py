# expect: 1 3 AttributeError: module 'math' has no attribute 'sqr'. Did you mean: 'sqrt'?
import math
print(math.sqr(2.0))
