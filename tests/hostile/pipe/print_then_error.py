# Output without newlines into a closed pipe, then an uncaught error.
for i in range(10 ** 5):
    print(i, end=" ")
raise ValueError("after writing")
