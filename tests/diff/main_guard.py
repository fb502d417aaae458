# __name__ is "__main__" for the script.
def main():
    print('running main')
    return 0

print(__name__)
if __name__ == "__main__":
    main()
else:
    print('imported')
if __name__ != '__main__':
    print('not main')
