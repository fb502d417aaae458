# An uncaught math error ends the program with a traceback and status 1.
import math

def area(r):
    return math.pi * r * r

def side(a):
    return math.sqrt(a)

print(area(2.0))
print(side(16))
print(side(-16))
print("not reached")
