# Argument errors of builtins, methods and module functions: one checker per
# CPython calling convention (src/vm/args.rs), each with its exact message.
import math
import random
import sys
import time
try:
    'a b'.split(' ', sep=' ')
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    'a b'.split(' ', 1, 2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    'a b'.split(x=1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.prod()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.prod([1], 2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.prod(iterable=[1])
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.prod([1], start=2, x=3)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.isclose(1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.isclose(1, 2, 3)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.isclose(1, 2, a=3)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.isclose(1, 2, foo=3)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.sqrt(1, 2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.atan2(1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    len()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    len(1, 2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    len(x=1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    [].append()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    [].pop(1, 2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    'x'.find()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    {}.update({}, {})
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    sorted([1], foo=1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    print(1, foo=2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    int(1, 2, 3)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    isinstance(1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    ValueError(x=1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    'x'.encode(1, 2, 3)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    (1).to_bytes(1, 'big', 1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    sys.exit(1, 2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    time.time(1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    [].sort(1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    'x'.splitlines(1, 2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    'x'.zfill()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    random.randint(1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    random.randint(1, 2, 3)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    random.randint(1, b=2, x=3)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    random.randint(1, a=2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    int('1', base=2, x=1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    int(x='1')
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    str(b'x', 'utf-8', 'strict', 1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    sum()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    sum([1], 2, 3)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    enumerate([], start=1, x=2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    round(1.5, ndigits=1, x=2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    min([1], foo=2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    max()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    'x'.count()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    b'x'.count(1, 2, 3, 4)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    'x'.center()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    'x'.expandtabs(1, 2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    'x'.expandtabs(tabsize=1, x=2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    b'x'.hex(1, 2, 3)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    int.from_bytes()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    int.from_bytes(b'x', 'big', True)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    (1).to_bytes(length=1, byteorder='big', signed=False, x=1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    [].sort(key=None, x=1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    [].insert(1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    [].index()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    {}.get()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    {}.pop(1, 2, 3)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    {}.setdefault()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    dict.fromkeys()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    (1,).index()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    set().add()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    set().union(x=1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    frozenset([], [])
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    slice()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    range()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    iter()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    next()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    getattr(1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    setattr(1, 2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    format()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    divmod(1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    filter(None)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    reversed()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.log()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.log(1, base=2)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.dist([1])
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.perm(1, 2, 3)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.comb(1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    math.ldexp(1)
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    time.sleep()
    print('ok')
except Exception as e:
    print(type(e).__name__ + ': ' + str(e))
