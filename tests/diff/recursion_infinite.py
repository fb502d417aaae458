# Infinite recursion raises RecursionError, which can be caught; the program continues.
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print(type(e).__name__)
def ping(n):
    return pong(n + 1)
def pong(n):
    return ping(n + 1)
try:
    ping(0)
except RecursionError as e:
    print(type(e).__name__, isinstance(e, RuntimeError))
def via_map(n):
    return list(map(via_map, [n + 1]))
try:
    via_map(0)
except RecursionError as e:
    print('through map:', type(e).__name__)
def key(v):
    return sorted([v], key=key)
try:
    key(1)
except RecursionError as e:
    print('through sorted key:', type(e).__name__)
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print('still works afterwards:', depth(500))
try:
    forever(0)
except RuntimeError:
    print('caught as RuntimeError too')
