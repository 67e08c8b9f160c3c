# Two threads take two locks in opposite order, the second with a timeout:
# they wait on each other in a ring, until one gives up and lets go.
import threading
import time

first, second = threading.Lock(), threading.Lock()


def worker(mine, other, name):
    with mine:
        time.sleep(0.1)
        if other.acquire(timeout=0.4):
            other.release()
            print(name, "got both")
        else:
            print(name, "backed off")


a = threading.Thread(target=worker, args=(first, second, "a"), name="a")
b = threading.Thread(target=worker, args=(second, first, "b"), name="b")
a.start()
b.start()
a.join()
b.join()
print("main done")
