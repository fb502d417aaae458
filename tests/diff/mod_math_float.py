# math: fsum, hypot, dist, frexp, ldexp, modf, fmod, remainder, nextafter, ulp.
import math

print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e-16, 1, 1e16]), math.fsum([1, 1e100, 1, -1e100]))
print(math.fsum([]), math.fsum([1, 2, 3]), math.fsum((0.1, 0.2, 0.3)), math.fsum([1e308, -1e308, 1.5]))
print(math.fsum([math.inf, 1.0]), math.fsum([-math.inf, 2]), math.fsum([math.nan, 1]), math.fsum([True, 2.5]))
vals = [0.5 ** k * (-1) ** k for k in range(60)] + [1e16, -1e16, 3.3, 1e-300]
print(math.fsum(vals), math.fsum(reversed(vals)))

print(math.hypot(), math.hypot(3), math.hypot(-3), math.hypot(3, 4), math.hypot(1, 1), math.hypot(1, 2, 3, 4))
print(math.hypot(1e308, 1e308), math.hypot(1e-320, 1e-320), math.hypot(math.inf, math.nan), math.hypot(math.nan, 1))
print(math.hypot(0.1, 0.2, 0.3), math.hypot(5e-324, 5e-324, 5e-324), math.hypot(True, 2))
print(math.dist((0, 0), (3, 4)), math.dist([1, 2, 3], [4, 5, 6]), math.dist((1.5,), (-2,)), math.dist([], []))
print(math.dist(iter([1, 1]), (2, 2)), math.dist((1e300, 1e300), (-1e300, -1e300)))

for x in [0.0, -0.0, 1.0, -1.0, 0.5, 3.0, 1024.0, 0.1, -123.456, 5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, math.inf, -math.inf]:
    m, e = math.frexp(x)
    print(repr(x), repr(m), e, math.ldexp(m, e) == x, math.modf(x))
print(math.frexp(7), math.frexp(True), math.modf(-3.75), math.modf(2))
print(math.ldexp(1, 1023), math.ldexp(1.5, -1074), math.ldexp(1, -1075), math.ldexp(3, -1075), math.ldexp(-1, -10**30))
print(math.ldexp(0.75, 1024), math.ldexp(1, 2**40 * 0 - 1080), math.ldexp(math.inf, -5), math.ldexp(0.0, 10**30))
print(math.ldexp(1.0000000000000002, -1073), math.ldexp(1.9999999999999998, -1023), math.ldexp(5, True))

for a, b in [(7, 3), (-7, 3), (7, -3), (-7, -3), (7.5, 2), (-0.0, 1), (5, math.inf), (1e300, 1e-300), (3, 0.7)]:
    print(a, b, math.fmod(a, b), math.remainder(a, b), a % b)
print(math.remainder(5, 2), math.remainder(7, 2), math.remainder(-5, 2), math.remainder(2.5, 1), math.remainder(3.5, 1))
print(math.remainder(math.nan, 1), math.remainder(1, math.inf), math.remainder(-1, math.inf))

print(math.nextafter(1, 2), math.nextafter(1, 0), math.nextafter(0, 1), math.nextafter(0, -1), math.nextafter(-0.0, 0.0))
print(math.nextafter(1.7976931348623157e308, math.inf), math.nextafter(math.inf, 0), math.nextafter(3, 3), math.nextafter(2, math.nan))
print(math.ulp(1), math.ulp(-1), math.ulp(0), math.ulp(1e300), math.ulp(5e-324), math.ulp(1.7976931348623157e308))
print(math.ulp(math.inf), math.ulp(2 ** 52), math.ulp(2 ** 53), math.ulp(0.1))
