# Large writes into a closed pipe.
s = "x" * 10000
for i in range(100000):
    print(s)
