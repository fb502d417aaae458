# sys.exit(n) ends the program with status n; finally blocks still run.
import sys

def main():
    print('working')
    try:
        sys.exit(3)
    finally:
        print('cleanup')
    print('not reached')

main()
print('not reached either')
