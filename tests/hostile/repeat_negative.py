print([0] * -1, repr('ab' * -5), (1,) * -2)
