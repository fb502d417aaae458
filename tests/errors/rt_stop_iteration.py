# expect: 1 4 StopIteration
it = iter([1])
next(it)
next(it)
