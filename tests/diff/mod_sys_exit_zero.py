# sys.exit() and sys.exit(0) exit successfully.
import sys

print('one')
if len(sys.argv) > 5:
    sys.exit(9)
print('two')
sys.exit()
print('never')
