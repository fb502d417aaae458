# Dropping a list's items (when the list goes away, and `list.clear`):
# lists of scalars only free their buffer, lists with other objects drop
# each item, lists of containers are taken apart without recursion. The
# reference counts of the items tell whether each was dropped exactly once.
import sys

s = "shared" + str(len("x"))
inner = [1, 2]
base_s = sys.getrefcount(s)
base_inner = sys.getrefcount(inner)


def build():
    return [
        [1, 2.5, True, None, 3],
        [s, s, 1, 2.0],
        [inner, s, (inner, s), {"k": inner}],
        [[[[[inner]]]]],
    ]


for kind in build():
    print(kind == kind, sys.getrefcount(s) - base_s, sys.getrefcount(inner) - base_inner)
for i in range(4):
    lists = build()
    lst = lists[i]
    del lists
    before = (sys.getrefcount(s) - base_s, sys.getrefcount(inner) - base_inner)
    lst.clear()
    after = (sys.getrefcount(s) - base_s, sys.getrefcount(inner) - base_inner)
    print(i, before, after, lst)
    lst.extend([s, inner, 7])
    del lst
    print(sys.getrefcount(s) - base_s, sys.getrefcount(inner) - base_inner)
deep = []
for _ in range(100000):
    deep = [deep, 1.5]
deep.clear()
print(deep)
nums = list(range(100000))
nums.clear()
nums.append(1)
print(nums, sys.getrefcount(s) - base_s, sys.getrefcount(inner) - base_inner)
