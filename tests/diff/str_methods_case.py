# Case methods and predicates.
s = 'Hello, World! 123'
print(s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase())
print('hELLO wORLD'.capitalize(), "they're bill's".title(), 'ABC'.lower())
print('123'.isdigit(), '12a'.isdigit(), ''.isdigit(), '１２'.isdigit())
print('abc'.isalpha(), 'ab1'.isalpha(), ''.isalpha(), 'éa'.isalpha())
print('abc123'.isalnum(), 'abc 123'.isalnum(), '   '.isspace(), ''.isspace())
print('lower'.islower(), 'Lower'.islower(), 'UP'.isupper(), 'Up'.isupper())
print('Title Case'.istitle(), 'not Title'.istitle(), '12'.isdecimal(), '12'.isnumeric())
print('ß'.upper(), 'straße'.lower(), 'ǅ'.lower())
print('snake_case_name'.title(), 'x'.upper() + 'Y'.lower())
print(ord('A'.lower()), chr(ord('a') - 32))
print('MiXeD'.lower() == 'mixed', 'abc'.upper().lower())
