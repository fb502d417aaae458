# assert statements.
assert True
assert 1 == 1, 'never shown'
try:
    assert 1 == 2
except AssertionError as e:
    print('caught', repr(e), e.args)
try:
    assert False, 'custom message'
except AssertionError as e:
    print('caught', e)
try:
    assert [], ('tuple', 'message')
except AssertionError as e:
    print('caught', e.args)
def checked(n):
    assert n >= 0, f'negative: {n}'
    return n ** 0.5
print(checked(16))
try:
    checked(-1)
except AssertionError as e:
    print(e)
assert 0 < 1 < 2, 'chained'
print('done')
