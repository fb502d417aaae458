# Uncaught exception raised by hand with a message.
def check(x):
    if x < 0:
        raise ValueError(f'negative value: {x}')
    return x
print(check(3))
try:
    check(-1)
except ValueError:
    print('caught once')
check(-2)
