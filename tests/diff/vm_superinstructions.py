# The VM fuses common instruction sequences (LoadFast+LoadConst+Subscr,
# LoadConst+BinaryOp, LoadFast+LoadFast+BinaryOp, LoadConst+CompareJumpIfFalse,
# CallMethod+Pop, BinaryOp+StoreFast, DupTwo+Subscr, ...). Every fused
# shape below runs with operands the fast paths do not take (strings, dicts,
# tuples, big ints, negative and bad indices) and with errors raised in each
# part, caught so the program goes on.


import threading


def subscr_shapes(xs, d, s, t, k):
    out = []
    out.append(xs[0])          # LoadFast LoadConst Subscr, list
    out.append(xs[-1])         # negative constant index
    out.append(d["a"])         # dict with a constant key
    out.append(s[1])           # str
    out.append(t[2])           # tuple
    out.append(xs[k])          # LoadFast LoadFast Subscr
    out.append(d[s])           # dict with a local key
    out.append(s[k])           # str with a local index
    out.append(xs[True])       # bool index
    return out


def aug_subscr(xs, d, n):
    xs[0] += 1                 # DupTwo Subscr ... InplaceOp RotThree StoreSubscr
    xs[1] -= 2.5
    xs[2] *= 3
    xs[-1] += 10 ** 20         # overflow to a big int
    d["a"] += "!"              # strings
    d["lst"] += [n]            # list += extends in place
    i = 1
    xs[i] //= 2
    xs[i + 1] %= 7
    return xs, d


def arith_shapes(a, b):
    r = []
    r.append(a - 1)            # LoadFast LoadConst BinaryOp -> BinaryOp with a const
    r.append(a * b)            # LoadFast LoadFast BinaryOp
    c = a + b                  # BinaryOp StoreFast
    c += 1                     # LoadConst InplaceOp, InplaceOp StoreFast
    r.append(c)
    r.append(a ** 70)          # big int through the const path
    r.append(a / 4)
    r.append(-a // 3)
    r.append(a % -3)
    r.append(a << 65)
    s = "x"
    s *= 3
    s += "y"
    r.append(s)
    r.append("%d-%s" % (a, b))
    f = 1.5
    f -= 0.25
    r.append(f)
    return r


def errors():
    seen = []
    xs = [1, 2, 3]
    try:
        print(xs[5])
    except IndexError as e:
        seen.append(str(e))
    try:
        xs[7] += 1
    except IndexError as e:
        seen.append(str(e))
    d = {}
    try:
        d["missing"] += 1
    except KeyError as e:
        seen.append(repr(e))
    try:
        x = 1 / 0
    except ZeroDivisionError as e:
        seen.append(str(e))
    try:
        y = "a" - 1
    except TypeError as e:
        seen.append(str(e))
    try:
        z = xs["k"]
    except TypeError as e:
        seen.append(str(e))
    n = 0
    try:
        n += None
    except TypeError as e:
        seen.append(str(e))
    return seen


def unbound(flag):
    if flag:
        v = 3
    try:
        return v + 1           # UnboundLocalError from the first part
    except UnboundLocalError as e:
        return str(e)


def unbound_second(flag):
    a = 1
    if flag:
        w = 2
    try:
        return a + w           # ... and from the second part
    except UnboundLocalError as e:
        return str(e)


def loop_targets(n):
    # Loops whose jump targets fall inside fused sequences.
    total = 0
    i = 0
    while i < n:
        total = total + i * 2
        i = i + 1
    acc = []
    for j in range(n):
        k = j
        acc.append(k - 1)
    return total, acc


def methods(buf):
    buf.append(1)              # LoadFast LoadMethod
    buf.extend([2, 3])
    s = "a,b,c"
    parts = s.split(",")
    return buf.count(1), parts, s.upper()


def compare_const(xs):
    # LoadConst CompareJumpIfFalse: ints, floats, strings, a big int, None,
    # and a comparison that raises.
    out = []
    for x in xs:
        if x == 0:
            out.append("zero")
        if x != 3:
            out.append("not3")
        try:
            if x < 2:
                out.append("small")
            if x >= 2.5:
                out.append("big")
        except TypeError as e:
            out.append(str(e))
    return out


def method_statements(buf):
    # CallMethod Pop: natives (fast, generic, a native class's) and
    # methods that raise.
    buf.append(1)
    buf.insert(0, 5)
    buf.extend([7, 8])
    buf.sort()
    lock = threading.Lock()
    lock.acquire()
    held = lock.locked()
    lock.release()
    d = {}
    d.setdefault("k", [])
    try:
        buf.pop(99)
    except IndexError as e:
        d["err"] = str(e)
    try:
        buf.index(42)
    except ValueError as e:
        d["err2"] = str(e)
    return buf, held, lock.locked(), d


def fast_methods():
    # Methods called without building an argument list, and their errors.
    out = []
    xs = [3, 1, 2]
    out.append(xs.pop())
    out.append(xs.pop(0))
    out.append(xs.count(2))
    out.append(xs.index(1))
    out.append(xs.copy())
    d = {"a": 1}
    out.append(d.get("a"))
    out.append(d.get("b", 0))
    out.append(sorted(d.items()))
    out.append(" x ".strip())
    out.append("a.b".replace(".", "-"))
    out.append("Ab".lower() + "Ab".upper())
    out.append("abc".startswith("ab"))
    for bad in [lambda: xs.pop(1, 2), lambda: d.get(), lambda: "s".strip(1),
                lambda: xs.count(), lambda: d.items(1), lambda: "s".lower(1),
                lambda: xs.pop(i=1), lambda: "s".startswith()]:
        try:
            bad()
        except TypeError as e:
            out.append(str(e))
    return out


def closure_ops():
    # LoadDeref BinaryOp: ints, strings, a cell unbound at the call, errors.
    n = 5
    s = "ab"

    def add(x):
        return x + n

    def cat(x):
        return x * 2 + s

    def late(x):
        return x - m

    out = [add(1), add(2.5), add(2 ** 64), cat("c")]
    try:
        add("x")
    except TypeError as e:
        out.append(str(e))
    try:
        late(1)
    except NameError as e:
        out.append(str(e))
    m = 10
    out.append(late(1))
    return out


def compare_locals(a, b, flag):
    # LoadFast LoadFast CompareJumpIfFalse and LoadFast LoadConst
    # CompareJumpIfFalse: mixed types, a raising comparison, unbound locals.
    out = []
    if a < b:
        out.append("lt")
    if a == 3:
        out.append("three")
    try:
        if a < "s":
            out.append("never")
    except TypeError as e:
        out.append(str(e))
    if flag:
        c = 1
    try:
        if a < c:
            out.append("c")
    except UnboundLocalError as e:
        out.append(str(e))
    try:
        if c > 0:
            out.append("c>0")
    except UnboundLocalError as e:
        out.append(str(e))
    return out


def unbound_three(flag):
    a = 2
    if flag:
        b = 3
    try:
        return a * b           # LoadFast LoadFast BinaryOp, second unbound
    except UnboundLocalError as e:
        return str(e)


def twice(x):
    return x * 2


def global_calls(flag):
    # LoadGlobal; LoadFast; Call 1 fused: len of each kind, a Python
    # function, other builtins, errors from each part.
    out = []
    for v in [[1, 2, 3], "héllo", {"a": 1}, (1,), range(5), b"ab", {1, 2}]:
        out.append(len(v))
    n = 4
    out.append(twice(n))
    out.append(list(range(n)))
    out.append(abs(-n))
    try:
        out.append(len(n))
    except TypeError as e:
        out.append(str(e))
    if flag:
        m = [0]
    try:
        out.append(len(m))
    except UnboundLocalError as e:
        out.append(str(e))
    try:
        out.append(undefined_function(n))
    except NameError as e:
        out.append(str(e))
    return out


def shadowed_len(x):
    return len(x)


print(global_calls(True), global_calls(False))
print(shadowed_len([1, 2]))
len = lambda x: "shadowed"
print(shadowed_len([1, 2]))
del len
print(shadowed_len([1, 2, 3]))
print(subscr_shapes([1, 2, 3], {"a": 1, "bc": 2}, "bc", (4, 5, 6), 1))
print(aug_subscr([1, 2, 3, 4], {"a": "x", "lst": [0]}, 9))
print(arith_shapes(7, 3))
print(arith_shapes(-7, 2))
print(arith_shapes(2 ** 64, 5))
print(errors())
print(unbound(True), unbound(False))
print(unbound_second(True), unbound_second(False))
print(loop_targets(6))
print(methods([]))
print(compare_const([0, 1, 2, 3, 2.5, 2 ** 70, -1.5]))
print(compare_const(["a"]))
print(method_statements([4]))
print(fast_methods())
print(unbound_three(True), unbound_three(False))
print(closure_ops())
print(compare_locals(3, 4.5, True), compare_locals(3.0, 2, False), compare_locals(2 ** 70, 2 ** 71, True))
