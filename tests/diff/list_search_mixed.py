# list.count / list.index / list.remove on lists mixing plain values (ints,
# floats, bools, None, strings: scanned in place) with values the general ==
# compares (big ints, tuples, lists: the rest is scanned on a snapshot).

nan = float("nan")
xs = [1, 1.0, True, None, "1", nan, 2, 2.5, "a", False, 0, 0.0, -0.0]
for probe in [1, 1.0, True, None, "1", nan, 0, -0.0, False, "a", 2.5, 7, ""]:
    print(repr(probe), xs.count(probe), probe in xs)
    try:
        print(" index", xs.index(probe), xs.index(probe, 2), xs.index(probe, -4, -1))
    except ValueError as e:
        print(" ValueError", e)

big = 10**30
ys = [big, 3, big + 0, "x", (1, 2), [1, 2], 3]
print(ys.count(big), ys.count(3), ys.count((1, 2)), ys.count([1, 2]), ys.index([1, 2]))

for probe in [1, 1.0, "1", (1, 2)]:
    print(ys.count(probe), [1, 1.0, True, (1, 2), "1"].count(probe))

zs = [1, 2.0, "x", None, True, (1, 2), [3], 10**30, 2]
for v in [2, 1.0, "x", None, (1, 2), [3], 10**30, 2, 99]:
    try:
        zs.remove(v)
        print(zs)
    except ValueError as e:
        print("ValueError", e)
