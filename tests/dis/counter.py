# The classic race: `counter += 1` is a load, an add and a store.
counter = 0


def work(n):
    global counter
    for _ in range(n):
        counter += 1


work(1000)
print(counter)
