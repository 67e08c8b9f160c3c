# Two transfers lock two accounts in opposite order; each lock is made as
# `self.lock` and named by its account's module-level name.
import threading
import time


class Account:
    def __init__(self):
        self.lock = threading.Lock()


def transfer(a, b):
    with a.lock:
        time.sleep(0.1)
        with b.lock:
            print("never")


x, y = Account(), Account()
t1 = threading.Thread(target=transfer, args=(x, y), name="x-to-y")
t2 = threading.Thread(target=transfer, args=(y, x), name="y-to-x")
t1.start()
t2.start()
t1.join()
t2.join()
