# expect: 1 3 NotImplementedError: later
def todo():
    raise NotImplementedError("later")
todo()
