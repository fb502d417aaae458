# expect: 1 2 SyntaxError: cannot assign to None
None = 5
