a = []
for i in range(4 * 10**6):
    a = [a]
a = None
print('freed')
