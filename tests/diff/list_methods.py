# list methods.
l = [3, 1, 4]
l.append(1); print(l)
l.extend([5, 9]); print(l)
l.extend('ab'); print(l)
l.insert(0, 'first'); print(l)
l.insert(100, 'last'); print(l)
l.insert(-1, 'before last'); print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(1); print(l)
print(l.index(4), l.index(5, 2), l.count(1), l.count('zz'))
l2 = l.copy()
l2.reverse()
print(l, l2, l is l2)
l2.clear(); print(l2, len(l2))
nums = [5, 2, 8, 1, 9, 3]
nums.sort(); print(nums)
nums.sort(reverse=True); print(nums)
r = nums.sort()
print(r)
try:
    [1, 2].remove(3)
except ValueError as e:
    print('ValueError:', e)
try:
    [].pop()
except IndexError as e:
    print('IndexError:', e)
try:
    [1].index(2)
except ValueError as e:
    print('ValueError:', e)
m = [1, 2, 3]
m.extend(m); print(m)
print([1, 2, 3].index(3, -1))
