# One thread computing about 0.2 s: what the monitor's look at a lone thread costs.
import time
def work(n):
    s = 0
    for i in range(n):
        s += i * i
    return s
t = time.perf_counter()
for _ in range(20):
    work(200_000)
