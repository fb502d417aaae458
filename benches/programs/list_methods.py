# Method calls on lists in a hot loop: append, pop, extend, insert, count,
# index, reverse, clear, copy, plus len() and indexing -- attribute lookup
# and call dispatch for builtin methods, 3 * 10**6 iterations.


def work(n):
    buf = []
    out = []
    total = 0
    for i in range(n):
        buf.append(i & 255)
        buf.append(i % 7)
        total += buf.pop()
        if i % 5 == 0:
            buf.insert(len(buf) // 2, i & 3)
        if len(buf) >= 48:
            total += buf.count(3) + buf.index(buf[-1])
            snapshot = buf.copy()
            snapshot.reverse()
            out.extend(snapshot[:8])
            total += snapshot.pop(0)
            buf.clear()
    return total, len(out), sum(out)


print(*work(3000000))
