# 200,000 uncontended multiprocessing.Lock acquires (half `with`, half
# acquire/release) in one thread: what the SemLock hook's try costs.
import multiprocessing

N = 100000
lk = multiprocessing.Lock()
for _ in range(N):
    with lk:
        pass
    lk.acquire()
    lk.release()
print(N)
