# sys.exit(True) exits with status 1 and prints nothing to stderr;
# sys.exit(False) would be status 0.
import sys
def shutdown(flag):
    print('shutting down with', flag)
    sys.exit(flag)
try:
    shutdown(False)
except SystemExit as e:
    print('caught SystemExit, code', e.code)
print('exit with True')
shutdown(True)
