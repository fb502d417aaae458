# math trig, exp and log.
import math
print(math.sin(0), math.sin(math.pi / 2), math.cos(0), math.cos(math.pi), math.tan(0))
print(round(math.sin(math.pi), 12), round(math.tan(math.pi / 4), 12))
print(math.sin(1), math.cos(1), math.tan(1))
print(math.asin(1), math.acos(0), math.atan(1), math.atan(-math.inf))
print(math.atan2(1, 1), math.atan2(-1, -1), math.atan2(0, -1), math.atan2(1, 0))
print(math.exp(0), math.exp(1), math.exp(-1), math.exp(10), math.expm1(1e-10))
print(math.log(math.e), math.log(1), math.log(100, 10), math.log(8, 2), math.log(10))
print(math.log2(8), math.log2(1024), math.log2(10), math.log10(1000), math.log10(2))
print(math.log(2 ** 1000), math.log10(10 ** 300), math.log2(2 ** 2000), math.log1p(1e-10))
print(math.sinh(1), math.cosh(1), math.tanh(1), math.tanh(100))
print(math.sqrt(math.pi), math.exp(math.log(5)), math.cos(math.radians(60)))
for bad in [lambda: math.log(0), lambda: math.log(-1), lambda: math.sqrt(-1), lambda: math.acos(2)]:
    try:
        bad()
    except ValueError as e:
        print('ValueError:', e)
try:
    math.exp(1000)
except OverflowError as e:
    print('OverflowError:', e)
