# Backslash continuation, implicit continuation, semicolons.
x = 1 + \
    2 + \
    3
print(x)
y = (1 +
     2 +
     3)
print(y)
z = [1,
     2,
     3,
]
print(z)
d = {
    'a': 1,
    'b': 2,
}
print(d)
a = 1; b = 2; c = a + b
print(a, b, c)
if a == 1: print('one'); print('still one')
for i in range(3): print(i, end=' ');
print()
def f(p,
      q):
    return p + \
        q
print(f(4,
        5))
total = sum([1, 2,
             3, 4])  # comment after
print(total)
if (a == 1 and
        b == 2):
    print('both')
