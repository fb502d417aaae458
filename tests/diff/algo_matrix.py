# Matrices as nested lists.
def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))]
            for i in range(len(a))]
def transpose(m):
    return [list(r) for r in zip(*m)]
def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]
a = [[1, 2], [3, 4]]
b = [[5, 6], [7, 8]]
print(matmul(a, b), transpose(a), matmul(a, identity(2)) == a)
def mat_pow(m, e):
    result = identity(len(m))
    while e:
        if e & 1:
            result = matmul(result, m)
        m = matmul(m, m)
        e >>= 1
    return result
print(mat_pow([[1, 1], [1, 0]], 90)[0][1])
def det(m):
    if len(m) == 1:
        return m[0][0]
    return sum((-1) ** c * m[0][c] * det([row[:c] + row[c + 1:] for row in m[1:]])
               for c in range(len(m)))
print(det([[2, 0, 1], [1, 3, 2], [1, 1, 1]]), det(identity(4)))
grid = [[(r * 3 + c) % 5 for c in range(4)] for r in range(3)]
for row in grid:
    print(' '.join(f'{v:2d}' for v in row))
print([sum(col) for col in zip(*grid)], [max(row) for row in grid])
h = [[1 / (i + j + 1) for j in range(3)] for i in range(3)]
print([[round(x, 4) for x in row] for row in h])
