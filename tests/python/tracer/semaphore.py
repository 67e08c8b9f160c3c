import threading
import time

pool = threading.BoundedSemaphore(1)


def use():
    with pool:
        time.sleep(0.05)


threads = [threading.Thread(target=use, name="s%d" % i) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
