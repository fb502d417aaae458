# raise ... from ... uncaught: the last line is the outer exception.
def parse(text):
    return int(text)
def load(text):
    try:
        return parse(text)
    except ValueError as e:
        raise RuntimeError('load failed') from e
print('start', load('12'))
load('x')
