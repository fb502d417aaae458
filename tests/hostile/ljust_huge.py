x = 'a'.ljust(10 ** 15)
