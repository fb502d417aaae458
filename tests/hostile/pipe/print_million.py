# Prints a million lines; the harness closes the read end after the first one.
for i in range(10 ** 6):
    print(i)
