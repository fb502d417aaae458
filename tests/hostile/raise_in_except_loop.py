for i in range(10000):
    try:
        try:
            raise KeyError(i)
        except KeyError:
            raise ValueError(i)
    except ValueError:
        pass
print('ok')
