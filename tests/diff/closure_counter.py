# Closures with nonlocal state.
def make_counter(start=0):
    count = start
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc

c1 = make_counter()
c2 = make_counter(100)
print(c1(), c1(), c1(5))
print(c2(), c2(-50))
print(c1())

def make_acc():
    items = []
    def add(x):
        items.append(x)
        return list(items)
    return add
acc = make_acc()
acc(1)
print(acc(2))

def outer():
    x = 'outer'
    def middle():
        def inner():
            return x
        return inner()
    return middle()
print(outer())
