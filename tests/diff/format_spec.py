# Format spec mini-language details via format() and f-strings.
vals = [0, 1, -1, 255, -255, 123456789, 2 ** 64]
for v in vals:
    print(f'{v:d}|{v:10d}|{v:<10d}|{v:^10d}|{v:+d}|{v:,}|{v:_}|{v:x}|{v:#o}|{v:b}'[:120])
floats = [0.0, -0.0, 1.5, -2.25, 1234.5678, 1e-8, 1e21, float('inf'), float('nan')]
for f in floats:
    print(f'{f}|{f:.2f}|{f:10.3f}|{f:e}|{f:.3g}|{f:g}|{f:+.1f}|{f:%}')
print(f'{1.0:.0e}|{0.5:.0f}|{1.5:.0f}|{2.5:.0f}|{-0.5:.0f}')
print(f'{12345.6789:,.2f}|{-12345.6789:_.1f}|{0.000012345:.3e}')
print(f'{"left":<10}|{"right":>10}|{"mid":^10}|{"fill":-^10}|{"x":0>5}')
print(f'{42:*>8}|{42:*<8}|{42:*^8}|{-42:0=8}|{42:#8x}|{42:#08x}')
print(f'{3.14159:{"<"}{12}.{3}}|{3:{4}}|{"a":{"^"}5}|')
print(f'{1e100:g}|{123456.0:g}|{1234567.0:g}|{0.00001:g}|{1e-5:.2g}')
print(f'{True:>5}|{None!s:>5}|{[1]!r:>5}|')
print(f'{10:n}|{1.25:n}|{100:.2%}|{1/3:.4}|{2/3:.10g}')
print(format(-7, '05d'), format(7, '+05d'), format(2 ** 100, ','), format(-1.0, '08.2f'))
print(format(0.1, '.20f'), format(1/3, '.17f'), format(2 ** 0.5, '.15e'))
