# expect: 1 3 AttributeError: 'list' object has no attribute 'apend'. Did you mean: 'append'?
items = [3, 1, 2]
items.apend(4)
