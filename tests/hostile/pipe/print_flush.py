# Flushes after every line while the reader has gone away.
for i in range(10 ** 6):
    print("line", i, flush=True)
