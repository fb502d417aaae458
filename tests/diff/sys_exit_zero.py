# sys.exit() / sys.exit(0) / sys.exit(None) exit with status 0.
import sys
print('exiting cleanly')
try:
    sys.exit(5)
except SystemExit as e:
    print('caught SystemExit', e.code)
try:
    sys.exit()
except SystemExit as e:
    print('code', e.code)
sys.exit(0)
print('not reached')
