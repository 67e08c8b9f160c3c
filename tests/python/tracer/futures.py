import time
from concurrent.futures import ThreadPoolExecutor, as_completed, wait


def slow(x):
    time.sleep(0.05)
    return x


with ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool") as pool:
    f = pool.submit(slow, 1)
    f.result()
    fs = [pool.submit(slow, i) for i in range(2)]
    wait(fs)
    fs = [pool.submit(slow, i) for i in range(2)]
    list(as_completed(fs))
    list(pool.map(slow, range(2)))
