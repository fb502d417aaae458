# zfill / center / ljust / rjust / expandtabs.
print(repr('42'.zfill(5)), repr('-42'.zfill(5)), repr('+7'.zfill(4)), repr('abc'.zfill(2)))
print(repr('hi'.center(6)), repr('hi'.center(7)), repr('hi'.center(7, '*')), repr('odd'.center(6, '-')))
print(repr('hi'.ljust(5)), repr('hi'.rjust(5)), repr('hi'.ljust(5, '.')), repr('hi'.rjust(1)))
print(repr('a'.center(4)), repr('ab'.center(5)), repr('abc'.center(6)), repr(''.center(3, 'x')))
for name, score in [('ann', 93), ('bob', 7), ('christina', 100)]:
    print(name.ljust(10) + str(score).rjust(5) + '|')
print(repr('3.14'.zfill(8)), repr(''.zfill(3)), repr('-'.zfill(3)))
print(repr('a\tb'.expandtabs(4)), repr('ab\tc'.expandtabs()))
table = [('x', 1.5), ('longer name', 22.25), ('', 0)]
for label, val in table:
    print('|' + label.center(12, '.') + '|' + f'{val:.2f}'.rjust(8) + '|')
print('7'.zfill(3), '-7'.zfill(3), '+'.zfill(2), 'abc'.center(2), repr(''.ljust(2)))
