# time: clocks move forward, sleep waits at least as long as asked.
import time

t0 = time.time()
p0 = time.perf_counter()
m0 = time.monotonic()
c0 = time.process_time()
th0 = time.thread_time()
n0 = time.perf_counter_ns()
mn0 = time.monotonic_ns()
tn0 = time.time_ns()
print(type(t0).__name__, type(p0).__name__, type(m0).__name__, type(c0).__name__, type(th0).__name__)
print(type(n0).__name__, type(mn0).__name__, type(tn0).__name__, type(time.process_time_ns()).__name__, type(time.thread_time_ns()).__name__)
print(t0 > 1.6e9, tn0 > 1.6e18, abs(tn0 / 1e9 - t0) < 5)

time.sleep(0.05)
time.sleep(0)
time.sleep(0.0)
time.sleep(True - 1)
p1 = time.perf_counter()
m1 = time.monotonic()
n1 = time.perf_counter_ns()
print(p1 - p0 >= 0.05, m1 - m0 >= 0.05, n1 - n0 >= 50000000, time.monotonic_ns() >= mn0)

total = 0
for i in range(200000):
    total += i * i
c1 = time.process_time()
th1 = time.thread_time()
print(total, c1 >= c0, th1 >= th0, time.time() >= t0)

def check(label, f):
    try:
        print(label, '->', repr(f()))
    except (ValueError, TypeError, OverflowError) as e:
        print(label, '!!', repr(e))

check('sleep(-1)', lambda: time.sleep(-1))
check('sleep(-0.001)', lambda: time.sleep(-0.001))
check('sleep("1")', lambda: time.sleep("1"))
check('sleep(None)', lambda: time.sleep(None))
check('sleep()', lambda: time.sleep())
check('sleep(1, 2)', lambda: time.sleep(1, 2))
check('sleep(secs=1)', lambda: time.sleep(secs=1))
check('sleep(nan)', lambda: time.sleep(float('nan')))
check('sleep(1e300)', lambda: time.sleep(1e300))
check('sleep(10**30)', lambda: time.sleep(10**30))
check('sleep(-10**30)', lambda: time.sleep(-10**30))
check('time(1)', lambda: time.time(1))
check('perf_counter(x=1)', lambda: time.perf_counter(x=1))
check('monotonic(0)', lambda: time.monotonic(0))
check('process_time(0)', lambda: time.process_time(0))
