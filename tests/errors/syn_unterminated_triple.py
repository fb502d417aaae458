# expect: 1 3 SyntaxError: unterminated triple-quoted string literal (detected at line 5)
x = 1
s = """never
closed
print(x)
