# sys.exit with a non-int, non-str object prints its str() to stderr and exits 1.
import sys
results = []
for i in range(3):
    results.append(i * i)
print('results', results)
try:
    sys.exit(None)
except SystemExit as e:
    print('sys.exit(None) code:', e.code)
print('about to exit')
sys.exit([1, 'two'])
