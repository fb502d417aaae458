# Conditional expressions.
for n in range(-2, 3):
    print(n, 'neg' if n < 0 else 'zero' if n == 0 else 'pos')
x = 10
y = x * 2 if x > 5 else x / 2
print(y)
print([i if i % 2 else -i for i in range(6)])
print((lambda v: 'even' if v % 2 == 0 else 'odd')(7))
def side(v):
    print('  side', v)
    return v
print(side('A') if True else side('B'))
print(side('A') if False else side('B'))
val = None
print(val if val is not None else 'default')
print(1 if [] else 2, 1 if [0] else 2)
