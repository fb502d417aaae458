# Exact ValueError / IndexError / KeyError / AttributeError messages.
import math
cases = [
    lambda: int('x'),
    lambda: int('12.5'),
    lambda: int('ff', 10),
    lambda: float('abc'),
    lambda: math.sqrt(-1),
    lambda: math.log(0),
    lambda: [1, 2].remove(3),
    lambda: [1, 2].index(3),
    lambda: 'abc'.index('z'),
    lambda: (1, 2).index(3),
    lambda: range(3).index(5),
    lambda: [][0],
    lambda: 'abc'[5],
    lambda: (1,)[3],
    lambda: [].pop(),
    lambda: [1].pop(5),
    lambda: range(3)[10],
    lambda: {}['key'],
    lambda: {}[1],
    lambda: {1, 2}.remove(3),
    lambda: {}.popitem(),
    lambda: [].foo,
    lambda: 'str'.nope,
    lambda: math.nope,
    lambda: (1).real_nope,
    lambda: chr(-5),
    lambda: 'a b'.split(''),
    lambda: divmod(1, 0),
    lambda: 1 % 0,
    lambda: 1.0 / 0,
    lambda: 1.5 // 0,
    lambda: 5 % 0.0,
    lambda: 0.0 ** -1,
    lambda: 0 ** -1,
    lambda: pow(2, -1, 4),
    lambda: float(10 ** 400),
    lambda: math.exp(1000),
    lambda: math.factorial(-3),
    lambda: list(range(3))[1:2:0],
]
for i, c in enumerate(cases):
    try:
        c()
        print(i, 'no error')
    except (ValueError, LookupError, AttributeError, ArithmeticError) as e:
        print(i, type(e), e)
def unpack2():
    a, b = [1, 2, 3]
def unpack3():
    a, b, c = [1, 2]
def unpack_star():
    a, b, *c = [1]
for fn in (unpack2, unpack3, unpack_star):
    try:
        fn()
    except ValueError as e:
        print('ValueError:', e)
