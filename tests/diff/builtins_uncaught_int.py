# An uncaught ValueError from int() ends the program with status 1.
values = ['1', '22', 'three']
total = 0
for v in values:
    total += int(v)
    print('total', total)
