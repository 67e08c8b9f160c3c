# A pool's workers wait for work with no timeout while main sleeps; at
# exit the pool tells them to go.
import time
from concurrent.futures import ThreadPoolExecutor

ex = ThreadPoolExecutor(2)
print(sum(f.result() for f in [ex.submit(pow, 2, i) for i in range(4)]))
time.sleep(0.6)
print("main ends")
