# expect: 1 3 KeyError: 'b'
d = {"a": 1}
print(d["b"])
