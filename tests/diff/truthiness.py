# Truth values in conditions.
values = [0, 1, -1, 0.0, 0.5, '', 'a', ' ', [], [0], (), (None,), {}, {0: 0},
          set(), {0}, None, True, False, range(0), range(1), b'', b'\x00', 2 ** 100, -0.0]
for v in values:
    if v:
        print(repr(v), 'truthy')
    else:
        print(repr(v), 'falsy')
n = 3
while n:
    n -= 1
print('n =', n)
print([v for v in values if not v][:5])
print(len([v for v in values if v]))
