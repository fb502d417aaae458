print('a')
# last