# Calls that return at once, whatever the other threads do: none is a wait.
# One timed wait at the end is, so the check sees the tracer report waits.
import queue
import threading
from concurrent.futures import ThreadPoolExecutor

empty = threading.Semaphore(0)
never = threading.Event()
cv = threading.Condition()
q = queue.Queue()
t = threading.Thread(target=never.wait, args=(0.2,), name="sleeper")
t.start()

got = [empty.acquire(timeout=0), empty.acquire(False), empty.acquire(blocking=False)]
got.append(never.wait(0))
got.append(never.wait(timeout=0.0))
with cv:
    got.append(cv.wait(0))
    got.append(cv.wait(timeout=0))
    got.append(cv.wait(-1))
    got.append(cv.wait_for(lambda: False, 0))
zero = 0
with cv:
    got.append(cv.wait(zero))
t.join(0)
t.join(timeout=0)
got.append(t.is_alive())
try:
    q.get(timeout=0)
except queue.Empty:
    got.append("empty")
# Each submit tries the pool's idle semaphore with timeout=0.
with ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool") as pool:
    for f in [pool.submit(pow, 2, k) for k in range(4)]:
        f.result()
print(got)
never.wait(0.05)  # a real wait: line 37
t.join()
