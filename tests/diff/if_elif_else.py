# if / elif / else chains.
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    elif n < 100:
        return 'medium'
    else:
        return 'large'

for v in [-5, 0, 3, 42, 1000]:
    print(v, classify(v))

x = 7
if x % 2:
    print('odd')
if not x % 2:
    print('even')
else:
    print('not even')
if x > 5:
    if x > 6:
        print('>6')
    else:
        print('6')
if []:
    print('empty list is true?')
elif {}:
    print('empty dict is true?')
elif '':
    print('empty string?')
elif 0.0:
    print('zero float?')
else:
    print('all falsy')
