# A return in finally overrides the try's return and swallows exceptions.
def override():
    try:
        return 'try'
    finally:
        return 'finally'
print(override())

def swallow():
    try:
        raise KeyError('lost')
    finally:
        return 'swallowed'
print(swallow())

def in_except():
    try:
        1 / 0
    except ZeroDivisionError:
        return 'except'
    finally:
        print('cleanup')
print(in_except())

def counter():
    n = 0
    try:
        n += 1
        return n
    finally:
        n += 100
        print('n in finally', n)
print(counter())

def loop_finally():
    for i in range(3):
        try:
            return i
        finally:
            if i == 0:
                continue
    return 'end'
print(loop_finally())
