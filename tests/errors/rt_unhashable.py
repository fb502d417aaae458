# expect: 1 4 TypeError: unhashable type: 'list'
d = {}
key = [1, 2]
d[key] = 3
