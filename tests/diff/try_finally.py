# finally runs on every exit path.
def with_return():
    try:
        return 'from try'
    finally:
        print('finally after return')
print(with_return())

def with_break():
    for i in range(5):
        try:
            if i == 2:
                break
        finally:
            print('finally in loop', i)
    return i
print(with_break())

def with_continue():
    out = []
    for i in range(3):
        try:
            if i == 1:
                continue
            out.append(i)
        finally:
            out.append('f%d' % i)
    return out
print(with_continue())

def with_exception():
    try:
        raise ValueError('boom')
    finally:
        print('finally before propagation')
try:
    with_exception()
except ValueError as e:
    print('caught', e)

def nested_finally():
    try:
        try:
            return 1
        finally:
            print('inner finally')
    finally:
        print('outer finally')
print(nested_finally())
