# expect: 1 2 SyntaxError: invalid hexadecimal literal
n = 0x1G
