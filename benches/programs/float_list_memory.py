# Memory: a list of 10**7 floats built by a list comprehension. The suite
# reports peak RSS; CPython needs ~8 bytes per list slot plus a 24-byte float
# object per element. All values are multiples of 0.5, so the sum is exact.

n = 10 ** 7
xs = [i * 0.5 for i in range(n)]
print(len(xs), xs[n // 2], sum(xs))
