# expect: 1 3 SyntaxError: starred assignment target must be in a list or tuple
x = 1
*a = [1, 2]
