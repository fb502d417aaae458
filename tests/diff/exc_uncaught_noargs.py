# Uncaught exception class without arguments: stderr's last line is just the name.
def stub(kind):
    if kind == 'todo':
        raise NotImplementedError
    return kind.upper()
print(stub('done'))
try:
    stub('todo')
except NotImplementedError as e:
    print('caught', repr(e), e.args)
def f():
    return stub('todo')
print('calling f')
f()
