# sys.exit with a string prints it to stderr and exits with status 1.
import sys
def check(config):
    if 'path' not in config:
        sys.exit('fatal: something went wrong')
    return config['path']
print(check({'path': '/tmp'}))
def main():
    print('working')
    check({})
main()
print('not reached')
