len = 5
print(len([]))
