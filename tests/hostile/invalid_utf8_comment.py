# Ã( bad
print(1)
