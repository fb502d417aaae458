# math: constants, rounding to ints, basic functions, predicates.
import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.pi == 3.141592653589793, math.tau == 2 * math.pi)

for x in [2.5, -2.5, 0.0, -0.0, 1e-300, 3.999999, 7, -7, True, 10**30, 1e20, -1e22, 123456789.987]:
    print(repr(x), math.floor(x), math.ceil(x), math.trunc(x))
print(type(math.floor(2.5)).__name__, type(math.ceil(1e300)).__name__, math.floor(1e300) == 10**300)
print(math.floor(1e300))

for x in [0.0, 1.0, 2.0, 0.5, 10.0, 1e-10, 123.456, 1e300]:
    print(x, math.sqrt(x), math.exp(x / 1e298), math.log(x + 1), math.log10(x + 1), math.log2(x + 1))

print(math.fabs(-3), math.fabs(-0.0), math.fabs(2.5))
print(math.copysign(3, -0.0), math.copysign(-2.5, 1), math.copysign(1, math.nan) > 0)
print(math.degrees(math.pi), math.radians(180), math.degrees(1), math.radians(1))
print(math.pow(2, 10), math.pow(2, -1), math.pow(-2, 3), math.pow(2, 0.5), math.pow(0, 0))
print(math.pow(math.inf, -1), math.pow(-math.inf, 3), math.pow(1, math.nan), math.pow(math.nan, 0))
print(math.pow(0.5, math.inf), math.pow(2, -math.inf), math.pow(-1, math.inf))
print(math.exp(1), math.exp(-1), math.exp(0), math.expm1(1e-10), math.log1p(1e-10), math.log1p(-0.0))
print(math.log(8, 2), math.log(100, 10), math.log(1000, 10), math.log(2, 8), math.log(math.e))

for x in [1.0, math.inf, -math.inf, math.nan, 0.0, 5e-324]:
    print(math.isnan(x), math.isinf(x), math.isfinite(x))

print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(1.0, 1.1, rel_tol=0.2))
print(math.isclose(0.0, 1e-12), math.isclose(0.0, 1e-12, abs_tol=1e-9), math.isclose(math.inf, math.inf))
print(math.isclose(math.inf, -math.inf), math.isclose(math.nan, math.nan), math.isclose(a=3, b=3.0000000001))
print(math.isclose(1, 2, abs_tol=1), math.isclose(-1e-12, 1e-12, rel_tol=0, abs_tol=1e-11))

print(math.sin(0), math.sin(math.pi / 6), math.cos(math.pi / 3), math.tan(math.pi / 4))
print(math.asin(1), math.acos(0), math.atan(1), math.atan2(1, 1), math.atan2(-1, -1))
print(math.atan2(0.0, -0.0), math.atan2(-0.0, -0.0), math.atan2(math.inf, math.inf), math.atan2(1, -math.inf))
print(math.sinh(1), math.cosh(1), math.tanh(1), math.asinh(1), math.acosh(2), math.atanh(0.5))
print(math.cbrt(27), math.cbrt(-8), math.cbrt(2), math.exp2(10), math.exp2(0.5), math.exp2(-1074))
