# expect: 1 3 AttributeError: module 'math' has no attribute 'foo'
import math
print(math.foo)
