# Exact TypeError messages of common mistakes.
five = 5
abc = 'abc'
lst = [1, 2]
tup = (1, 2)
def f(a, b):
    return a + b
def g(a, *, k):
    return a
cases = [
    lambda: 1 + 'a',
    lambda: 'a' + 1,
    lambda: [1] + (2,),
    lambda: 'a' * 'b',
    lambda: 1 < 'a',
    lambda: [] > {},
    lambda: five[0],
    lambda: five(),
    lambda: f(1, 2, 3),
    lambda: f(1),
    lambda: f(),
    lambda: f(1, 2, z=3),
    lambda: f(1, a=2),
    lambda: g(1, 2),
    lambda: g(1),
    lambda: len(5),
    lambda: -'a',
    lambda: ~1.5,
    lambda: {[]: 1},
    lambda: int([1]),
    lambda: abc[1.5],
    lambda: lst[None],
    lambda: tup[0:'x'],
    lambda: 'x'.join([1, 2]),
    lambda: sum(['a']),
    lambda: abs('x'),
    lambda: iter(5),
    lambda: next([1]),
    lambda: 1 in 5,
    lambda: None.append,
    lambda: max(),
    lambda: sorted([1], key=1),
    lambda: 2 ** 'x',
    lambda: 'a' % 1,
    lambda: 1 / 'x',
    lambda: len(),
    lambda: chr('a'),
]
for i, c in enumerate(cases):
    try:
        c()
        print(i, 'no error')
    except TypeError as e:
        print(i, 'TypeError:', e)
    except AttributeError as e:
        print(i, 'AttributeError:', e)
