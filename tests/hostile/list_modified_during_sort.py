a = [3, 2, 1]
a.sort(key=lambda v: a.append(v) or v)
