# Name resolution: local, enclosing, global, builtin.
x = 'global'
def a():
    return x
def b():
    x = 'local b'
    def c():
        return x
    return c()
def d():
    len = lambda v: 'shadowed len'
    return len([1, 2])
print(a(), b(), d(), len([1, 2]))
def counter_list():
    items = []
    def add(v):
        items.append(v)
    add(1); add(2)
    return items
print(counter_list())
def param_shadow(x):
    return x * 2
print(param_shadow(21), x)
y = 1
def uses_before_assign():
    try:
        print(y)
        y = 2
    except UnboundLocalError as e:
        print('UnboundLocalError:', e)
uses_before_assign()
def comp_scope():
    n = 10
    return [n + i for i in range(3)]
print(comp_scope())
i = 'outer i'
_ = [i for i in range(3)]
print(i)
def default_scope(v=x):
    return v
x = 'rebound'
print(default_scope(), a())
