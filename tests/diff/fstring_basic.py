# f-string basics.
name = 'world'
n = 42
pi = 3.14159
print(f'hello {name}!')
print(f'{n} {n + 1} {n * 2}')
print(f'{name!r} {name!s} {n!r}')
print(f'{{literal braces}} {n}')
print(f'{pi:.2f} {pi:10.3f}| {n:5d}| {n:<5d}| {n:^7}|')
print(f'{"nested quotes"}')
print(f"{'abc'.upper()}")
items = [1, 2, 3]
print(f'{items} {len(items)} {items[0]} {items[-1]}')
d = {'k': 'v'}
print(f"{d['k']}")
print(f'{n if n > 40 else 0}')
print(f'{(lambda v: v * 2)(21)}')
print(f'{3.0} {1e20} {1/3}')
print(f'{None} {True} {[1, "a"]!r}')
print(f'a' f'b' 'c' f'{1}')
print(f'{n:x} {n:o} {n:b} {n:#x} {n:#o} {n:#b}')
print(f'{"x":*^9}')
