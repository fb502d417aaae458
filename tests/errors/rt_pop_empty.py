# expect: 1 3 IndexError: pop from empty list
l = []
l.pop()
