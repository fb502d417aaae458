# expect: 1 2 ValueError: not enough values to unpack (expected 3, got 2)
a, b, c = (1, 2)
