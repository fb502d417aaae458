# bytes, int and float methods.
def show(ex):
    name = type(ex).__name__
    if name.startswith("Unicode"):
        name = "UnicodeError"  # the codec errors are UnicodeError subclasses
    print(name, ex)
b = b"hello world"
print(b.decode(), b.hex(), b.hex(":"), b.hex("-", 4), b.hex(" ", -4), b"".hex(), b"\x00\xff".hex(sep=b"|"))
print(b.find(b"o"), b.rfind(b"o"), b.find(111), b.find(b"o", 5), b.find(b""), b.count(b"o"), b.count(b""), b.count(108))
print(b.index(b"w"), b.rindex(b"l"), b.startswith(b"he"), b.endswith((b"x", b"ld")), b.startswith(b"wor", 6))
print(b.split(), b.split(b"o"), b.split(b"l", 1), b.rsplit(b"l", 1), b"  a  b ".split(None, 1), b"  a  b ".rsplit(None, 1))
print(b.replace(b"l", b"L"), b.replace(b"l", b"", 2), b"ab".replace(b"", b"-"), b.upper(), b"ABC".lower())
print(b"  x \n".strip(), b"xxaxx".strip(b"x"), b"  x ".lstrip(), b"  x ".rstrip(), b",".join([b"a", b"b", b"c"]))
print(b"123".isdigit(), b"abc".isalpha(), b"a1".isalnum(), b" \t".isspace(), b"".isdigit())
print("héllo €".encode().decode("utf-8"), b"caf\xe9".decode("latin-1"), b"abc".decode("ascii"),
      b"a\xffb".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"), b"a\xffb".decode(errors="backslashreplace"))
for bad in [lambda: b"\xff".decode(), lambda: b"a\xc3(".decode(), lambda: b"ok\xe2\x82".decode(),
            lambda: b"\xf0\x90\x28x".decode(), lambda: b"ab\xe9".decode("ascii"), lambda: b"a".decode("nope"),
            lambda: b"a".decode(1), lambda: b"a".find("a"), lambda: b"a".find(300), lambda: b"a".index(b"z"),
            lambda: b"a".split(""), lambda: b"a".startswith("a"), lambda: b",".join([b"a", 1]),
            lambda: b"a".hex("ab"), lambda: b"a".strip("a")]:
    try:
        print(bad())
    except Exception as ex:
        show(ex)
for n in [0, 1, 5, 255, 256, -1, -255, 2**63, -2**63, 2**100 + 7, True, False]:
    print(n, n.bit_length(), n.bit_count(), n.conjugate(), n.as_integer_ratio())
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"), (-2).to_bytes(2, "big", signed=True),
      (0).to_bytes(0, "big"), (5).to_bytes(), (127).to_bytes(1, "big", signed=True), (2**64).to_bytes(9, byteorder="little"),
      (-128).to_bytes(1, "little", signed=True), (255).to_bytes(length=1, byteorder="big"))
print(int.from_bytes(b"\x04\x00", "big"), int.from_bytes(b"\x04\x00", "little"), int.from_bytes(b"\xff\xfe", "big", signed=True),
      int.from_bytes([1, 0, 0], "big"), int.from_bytes(b"\x00" * 9 + b"\x01", "little"), int.from_bytes(b""))
for x in [0.0, -0.0, 1.0, 0.5, -2.75, 0.1, 1e300, 5e-324, 123.456, float("inf"), -float("inf"), float("nan")]:
    r = None
    try:
        r = x.as_integer_ratio()
    except Exception as ex:
        r = type(ex).__name__ + ": " + str(ex)
    print(x, x.is_integer(), x.hex(), r, x.conjugate())
for h in ["0x1.8p1", "-0x1p-2", "inf", "-Infinity", "nan", "1", "0x.8", "0X1P+4", "  0x1.fffffffffffffp1023  ", "0x1p-1074", "0x1.00000000000008p0", "0x1.00000000000018p0"]:
    print(h.strip(), float.fromhex(h))
for bad in [lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"), lambda: (128).to_bytes(1, "big", signed=True),
            lambda: (1).to_bytes(-1, "big"), lambda: (1).to_bytes(1, "middle"), lambda: (1).to_bytes(1, 2),
            lambda: (1).to_bytes(1, "big", True), lambda: (1).bit_length(1), lambda: int.from_bytes(1, "big"),
            lambda: float.fromhex("0x1p2000"), lambda: float.fromhex("zz"), lambda: (1.5).hex(1), lambda: (1).to_bytes(1, "big", x=1)]:
    try:
        print(bad())
    except Exception as ex:
        show(ex)
