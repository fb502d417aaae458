# Dict and set comprehensions.
squares = {n: n * n for n in range(6)}
print(squares)
print({v: k for k, v in squares.items() if k % 2})
print({c: 'abcabc'.count(c) for c in 'abc'})
print(sorted({x % 5 for x in range(100)}))
print({x for x in [3, 1, 3, 2, 1]} == {1, 2, 3})
print({(i, j): i * j for i in range(3) for j in range(3) if i <= j})
words = ['apple', 'bob', 'cat', 'dove']
by_len = {}
for w in words:
    by_len.setdefault(len(w), []).append(w)
print(by_len)
print({len(w): w for w in words})
print(sorted({w[0] for w in words}))
inv = {v: k for k, v in {'a': 1, 'b': 2, 'c': 1}.items()}
print(inv)
print({i: [j for j in range(i)] for i in range(4)})
print(len({i % 7 for i in range(1000)}))
