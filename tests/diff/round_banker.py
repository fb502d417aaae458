# Banker's rounding (round half to even).
for x in [0.5, 1.5, 2.5, 3.5, 4.5, -0.5, -1.5, -2.5, 10.5, 11.5]:
    print(x, round(x))
for x in [0.05, 0.15, 0.25, 0.35, 0.45, 0.55]:
    print(x, round(x, 1))
for n in [5, 15, 25, 35, 45, -5, -15, 150, 250]:
    print(n, round(n, -1), round(n, -2))
print(round(2.5000001), round(2.4999999))
print(round(1.23456789, 4), round(-1.23456789, 4), round(9.999, 2))
print(f'{2.5:.0f} {3.5:.0f} {0.125:.2f} {0.375:.2f}')
print('%.0f %.0f %.1f' % (0.5, 1.5, 0.25))
