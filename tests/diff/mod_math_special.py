# math: gamma, lgamma, erf, erfc and the inverse hyperbolic functions on many
# inputs (bit-exact with CPython 3.11 on glibc).
import math

xs = [0.001, 0.1, 0.25, 0.5, 0.75, 0.84375, 0.9, 1.0, 1.25, 1.5, 2.0, 2.5, 2.857142857142857,
      3.0, 4.5, 5.0, 6.0, 7.5, 10.0, 15.5, 27.9, 28.0, 30.0, 100.0, 140.5, 171.5, 1e-20, 3e-25]
for x in xs:
    for v in [x, -x]:
        out = [repr(math.erf(v)), repr(math.erfc(v))]
        for f in [math.gamma, math.lgamma]:
            try:
                out.append(repr(f(v)))
            except (ValueError, OverflowError) as e:
                out.append(repr(e))
        print(repr(v), ' '.join(out))

for x in [0.0, -0.0, 1e-300, 1e-9, 0.3, 0.5, 0.99, 1.0, 1.5, 2.0, 3.7, 10.0, 1e5, 3e8, 1e300]:
    out = [repr(math.asinh(x)), repr(math.asinh(-x))]
    for f, v in [(math.acosh, x + 1), (math.atanh, x / 2), (math.atanh, -x / 3), (math.cbrt, x)]:
        try:
            out.append(repr(f(v)))
        except ValueError as e:
            out.append(repr(e))
    print(repr(x), ' '.join(out))

for x in [0.3, 1.7, 12.25, -3.5, 700.0, -700.0, 1e-5]:
    print(math.sinh(x), math.cosh(x), math.tanh(x), math.expm1(x), math.exp(x), math.log1p(abs(x)))
print(math.gamma(1), math.gamma(5), math.gamma(0.5) ** 2, math.gamma(23), math.gamma(24), math.gamma(-0.5))
print(math.lgamma(1), math.lgamma(2), math.lgamma(0.5), math.lgamma(-0.5), math.lgamma(1e300), math.lgamma(math.inf))
print(math.erf(math.inf), math.erf(-math.inf), math.erfc(math.inf), math.erfc(-math.inf), math.erf(math.nan))
print(math.gamma(math.inf), math.lgamma(-math.inf), math.erfc(50), math.erfc(-50))
