# sort and sorted with key= and reverse=; stability.
people = [('bob', 25), ('alice', 30), ('carol', 25), ('dave', 30), ('eve', 22)]
print(sorted(people))
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: (-p[1], p[0])))
words = ['banana', 'Apple', 'cherry', 'apple', 'Banana']
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
w2 = list(words)
w2.sort(key=lambda s: s[::-1])
print(w2)
print(sorted([3, 1, 2], reverse=True), sorted('hello'), sorted((5, 4)))
print(sorted({3: 'c', 1: 'a', 2: 'b'}), sorted({3: 'c', 1: 'a'}.items()))
print(sorted([[2, 1], [1, 2], [1, 1]]), sorted([-1, 3, -2], key=abs))
print(sorted([1.5, -2, 0, True, 2 ** 70]))
data = [5, 3, 5, 1, 3]
print(sorted(range(len(data)), key=lambda i: data[i]))
print(sorted([], key=len), sorted([1]))
try:
    sorted([1, 'a'])
except TypeError as e:
    print('TypeError:', e)
print(sorted(['b', 'a'], key=None), max(words, key=len), min(words, key=lambda w: w[-1]))
big = list(range(1000, 0, -1))
big.sort()
print(big[:5], big[-3:])
