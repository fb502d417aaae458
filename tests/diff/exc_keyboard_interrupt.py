# KeyboardInterrupt is not caught by except Exception.
try:
    try:
        raise KeyboardInterrupt('simulated')
    except Exception:
        print('wrong: caught by Exception')
except KeyboardInterrupt as e:
    print('caught KeyboardInterrupt', e.args)
try:
    raise KeyboardInterrupt
except BaseException as e:
    print('BaseException catches', repr(e))
print('finishing with an uncaught RuntimeError')
raise RuntimeError('by hand')
