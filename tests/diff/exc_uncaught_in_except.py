# An exception raised while handling another; the last line names the new one.
def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        return None
print(lookup({'a': 1}, 'a'), lookup({}, 'b'))
try:
    [][0]
except IndexError:
    print('handling IndexError')
    {}['k']
