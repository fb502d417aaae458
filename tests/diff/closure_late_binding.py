# Late binding of closure variables.
funcs = []
for i in range(3):
    funcs.append(lambda: i)
print([f() for f in funcs])

funcs = []
for i in range(3):
    funcs.append(lambda i=i: i)
print([f() for f in funcs])

def make():
    fs = []
    for j in range(3):
        def f():
            return j * 10
        fs.append(f)
    return fs
print([f() for f in make()])

def factory(n):
    def mult(x):
        return x * n
    return mult
doubles = factory(2)
triples = factory(3)
print(doubles(5), triples(5))

def later():
    def get():
        return v
    v = 'assigned after def'
    return get
print(later()())
