# An uncaught KeyError from a nested call.
config = {'host': 'localhost', 'debug': False}
def get(key):
    return config[key]
def main():
    for k in ('host', 'debug'):
        print(k, get(k))
    print(get('port'))
    print('not reached')
main()
