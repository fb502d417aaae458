# A file full of comments.
# comment
x = 1  # trailing comment

    # indented comment on its own line
if x:
    # comment inside block
    y = 2
        # oddly indented comment
    print(y)  # print
# comment at end of block
print('#not a comment', "# neither")
s = '''# inside triple
# still inside'''
print(s)

def f():
    # only a comment and a pass
    pass

print(f())
# trailing comment without newline at end of block
