x = int('9' * 5000)
print(x % 7)
