d = {'k': 1}
d['me'] = d
print(d)
