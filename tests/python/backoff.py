# Two threads take two locks in opposite order, the second with a timeout:
# they wait on each other in a ring, until the first gives up and lets go
# (b started waiting 0.1 s later, so its wait is still on: it gets both).
import threading
import time

first, second = threading.Lock(), threading.Lock()


def worker(mine, other, name, delay):
    with mine:
        time.sleep(delay)
        if other.acquire(timeout=0.4):
            other.release()
            print(name, "got both")
        else:
            print(name, "backed off")


a = threading.Thread(target=worker, args=(first, second, "a", 0.1), name="a")
b = threading.Thread(target=worker, args=(second, first, "b", 0.2), name="b")
a.start()
b.start()
a.join()
b.join()
print("main done")
