# f-string format specs, nested specs, conversions, self-documenting.
width = 10
prec = 3
value = 12.34567
print(f'[{value:{width}.{prec}f}]')
print(f'[{value:>{width}}]')
print(f'[{"txt":{"^"}{width}}]')
print(f'[{12345678:,}] [{12345678:_}] [{1234.5:,.2f}]')
print(f'[{-5:+d}] [{5:+d}] [{5: d}] [{-5: d}]')
print(f'[{0.5:%}] [{0.25:.1%}]')
print(f'[{123.456:e}] [{123.456:.2E}] [{0.00001234:g}] [{123456789.0:g}]')
print(f'[{42:08d}] [{-42:08d}] [{42:=+8d}]')
print(f'[{"s"!r:>6}]')
x = 5
y = 'hi'
print(f'{x=}')
print(f'{x = }')
print(f'{y=}')
print(f'{x*2=}')
print(f'{value=:.2f}')
print(f'{y=!s}')
print(f'[{255:#06x}] [{255:X}] [{3.0:g}] [{1e-7:g}]')
print(f'[{True}] [{True:d}] [{False!r}]')
