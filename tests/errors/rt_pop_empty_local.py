# expect: 1 5 IndexError: pop from empty list
def drain(buf):
    total = 0
    while True:
        total += buf.pop()


drain([1, 2, 3])
