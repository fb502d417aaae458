# expect: 1 3 ValueError: invalid literal for int() with base 10: 'x'
text = "x"
n = int(text)
