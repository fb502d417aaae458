# try / except / else / finally basics.
def divide(a, b):
    try:
        result = a / b
    except ZeroDivisionError:
        print('  cannot divide', a, 'by zero')
        return None
    else:
        print('  else branch')
        return result
    finally:
        print('  finally for', a, b)

print(divide(1, 2))
print(divide(1, 0))

try:
    int('abc')
except (TypeError, ValueError) as e:
    print('tuple of classes:', type(e))

try:
    [][0]
except KeyError:
    print('wrong')
except IndexError as e:
    print('IndexError:', e)
except Exception:
    print('too general')

try:
    x = 1
except:
    print('bare except not hit')
else:
    print('else with x =', x)

try:
    {}['missing']
except:
    print('bare except catches KeyError')
try:
    pass
finally:
    print('finally without except')
