print(len(range(10 ** 20)))
