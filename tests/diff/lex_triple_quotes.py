# Triple-quoted strings.
a = """line one
line two
  indented 'single' and "double" quotes"""
print(a)
b = '''another
with ''' + "concat"
print(b)
c = """\
no leading newline\
"""
print(repr(c))
d = r"""raw \n stays"""
print(d)
e = f"""{1 + 2}
{'x' * 3}"""
print(e)
print(len("""abc
def"""))
def doc():
    """A docstring is just an expression statement."""
    return 5
print(doc())
print("""quotes "" inside""", '''and '' here''')
