# sys.exit(n) sets the exit status; finally blocks still run.
import sys
def run():
    total = sum(range(10))
    print('total', total)
    return total
print('before exit')
try:
    sys.exit(run() % 7)
finally:
    print('finally runs during SystemExit')
print('not reached')
