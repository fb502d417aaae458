# sys.exit raises SystemExit, which can be caught; its code is the argument.
import sys

for arg in [None, 0, 3, 'message', (1, 2), [5]]:
    try:
        if arg is None:
            sys.exit()
        sys.exit(arg)
    except SystemExit as e:
        print(repr(arg), repr(e.code), e.args)
try:
    try:
        sys.exit(4)
    finally:
        print('finally runs')
except SystemExit as e:
    print('caught', e.code)
try:
    sys.exit(1)
except Exception:
    print('not an Exception')
except BaseException as e:
    print('a BaseException', type(e).__name__, isinstance(e, SystemExit))
print('end')
