# time functions return increasing floats (values are never printed).
import time
t0 = time.time()
p0 = time.perf_counter()
m0 = time.monotonic()
total = 0
for i in range(20000):
    total += i
t1 = time.time()
p1 = time.perf_counter()
m1 = time.monotonic()
print(type(t0), type(p0), type(m0))
print(t1 >= t0, p1 > p0, m1 >= m0)
print(t0 > 1.5e9, total)
time.sleep(0.01)
p2 = time.perf_counter()
print(p2 - p1 >= 0.009)
print(isinstance(time.process_time(), float))
