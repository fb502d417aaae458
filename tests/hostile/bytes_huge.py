x = bytes(10 ** 15)
