# Uncaught infinite recursion: RecursionError on stderr, exit status 1.
def countdown(n):
    return 0 if n == 0 else 1 + countdown(n - 1)
print(countdown(100))
def f(n):
    return f(n + 1) + 1
try:
    f(0)
except RecursionError:
    print('caught once')
print('start')
f(0)
