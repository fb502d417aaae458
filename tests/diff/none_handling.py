# None behaviour.
def nothing():
    pass
def explicit():
    return
r = nothing()
print(r, explicit(), r is None, type(r), repr(None), str(None))
print(None == None, None != 0, None == False, not None, bool(None))
print([None] * 3, {None: 'none key'}[None], (None,))
d = {'a': None}
print(d.get('a'), d.get('b'), d.get('a', 'x'), 'a' in d)
try:
    None + 1
except TypeError as e:
    print('TypeError:', e)
try:
    fn = None
    fn()
except TypeError as e:
    print('TypeError:', e)
try:
    len(None)
except TypeError as e:
    print('TypeError:', e)
try:
    None < 1
except TypeError as e:
    print('TypeError:', e)
print(print('inner') is None)
