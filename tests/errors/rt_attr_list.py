# expect: 1 3 AttributeError: 'list' object has no attribute 'foo'
l = []
l.foo()
