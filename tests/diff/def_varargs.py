# *args and positional variadics.
def total(*nums):
    print('tuple?', isinstance(nums, tuple))
    return sum(nums)

print(total())
print(total(1, 2, 3))

def head_tail(first, *rest):
    return first, rest
print(head_tail(1))
print(head_tail(1, 2, 3))

def everything(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, sorted(kw.items())
print(everything(1, c=3))
print(everything(1, 2, 3, 4, 5, c=6, e=7))

args = [1, 2, 3]
def three(x, y, z):
    return x + y * 10 + z * 100
print(three(*args))
print(three(*(4, 5, 6)))
print(three(1, *[2, 3]))
print(max(*[3, 1, 4, 1, 5]))
