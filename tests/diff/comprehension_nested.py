# Nested comprehensions and scoping.
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([[row[i] for row in matrix] for i in range(3)])
print([x for row in matrix for x in row if x % 2 == 0])
print([[x * 10 for x in row if x > 3] for row in matrix])
print(sum([x for row in matrix for x in row]))
triples = [(a, b, c) for a in range(1, 20) for b in range(a, 20) for c in range(b, 20)
           if a * a + b * b == c * c]
print(triples)
print({i: {j: i * j for j in range(2)} for i in range(2)})
n = 3
print([[n * i + j for j in range(n)] for i in range(n)])
def f(k):
    return [k * m for m in range(k)]
print([f(k) for k in range(4)])
flat = [c for word in ['ab', 'cd'] for c in word]
print(flat)
print([(x, y) for x in range(3) if x for y in range(3) if y != x])
