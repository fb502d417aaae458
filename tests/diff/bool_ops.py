# and / or / not return operands and short-circuit.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, 0 or '' or None)
print([] or [1], [1] and [], 'a' and 'b' or 'c')
print(not 0, not 1, not [], not [0], not None, not 'x')
def t(v):
    print('  evaluated', v)
    return v
print(t(0) and t(1))
print(t(1) or t(2))
print(t(1) and t(0) or t(3))
print(True + True, True * 10, False - 1, True / 2)
print(True == 1, False == 0)
print(bool(0), bool(0.0), bool(''), bool([]), bool({}), bool(()), bool(set()), bool(None))
print(bool(1), bool(-1), bool(0.1), bool(' '), bool([0]), bool({0: 0}), bool((0,)))
print(not not 5, True and not False)
x = 5
print(x > 3 and x < 10, x < 3 or x > 4, not x == 5)
print(isinstance(True, int), True & False, True | False, True ^ True, ~True)
print(str(True), repr(False), int(True), float(False))
