# global statement.
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter)

def make_global():
    global created
    created = 'created in function'
make_global()
print(created)

x = 'global x'
def read_only():
    return x
def shadowing():
    x = 'local x'
    return x
print(read_only(), shadowing(), x)

def nested():
    def inner():
        global x
        x = 'changed by inner'
    inner()
nested()
print(x)

total = 0
for k in range(5):
    total += k
print(total, k)
