# expect: 1 3 OverflowError: int too large to convert to float
big = 10 ** 400
print(float(big))
