# expect: 1 3 ValueError: list.remove(x): x not in list
l = [1, 2, 3]
l.remove(4)
