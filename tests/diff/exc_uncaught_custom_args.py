# Uncaught KeyError: its message is the repr of the key.
inventory = {'apple': 3, 'pear': 0}
def take(name, n):
    have = inventory[name]
    if have < n:
        raise ValueError(f'only {have} {name}(s) left')
    inventory[name] = have - n
    return inventory[name]
print(take('apple', 2))
try:
    take('pear', 1)
except ValueError as e:
    print('ValueError:', e)
print('one')
raise KeyError('missing key')
