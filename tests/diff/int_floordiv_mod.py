# Floor division and modulo follow Python's sign rules.
for a in [7, -7, 0, 13, -13]:
    for b in [2, -2, 5, -5]:
        print(a, b, a // b, a % b, divmod(a, b))
big = 10 ** 25 + 3
for b in [7, -7, 10 ** 20 + 1, -(10 ** 20 + 1)]:
    print(big // b, big % b, -big // b, -big % b)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2)
print(7 // 2.0, -7 // 2.0, 7 % 2.5, -1 % 3.0)
print(5 % 1.5, -5 % 1.5)
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(-7, 2.0))
print(0 // 5, 0 % 5, -0.0 // 1, 0.0 % -1)
print((-1) % 10 ** 30, (-(10 ** 30)) // 3)
print(True // 1, 10 // True, 10 % True)
