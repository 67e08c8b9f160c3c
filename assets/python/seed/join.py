# The seed's join program. assets/python/seed/join.py spells it as the
# post does, with currentThread() and getName() (deprecated since Python 3.10:
# a DeprecationWarning on stderr); the tests and scripts/measure-cpython.py
# derive today's spelling from that file. THREADLINE_SLEEP (seconds) or the
# first argument shortens the sleep for tests; the default is 5.
import os
import sys
import threading
import time

SLEEP = float(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("THREADLINE_SLEEP", "5"))


class Worker(threading.Thread):
    def __init__(self, name):
        super().__init__()
        self.name = name

    def run(self):
        print("sub thread start ", threading.currentThread().getName())
        time.sleep(SLEEP)
        print("sub thread end   ", threading.currentThread().getName())


print("main thread start")

t1 = Worker("1")
t1.start()

t2 = Worker("2")
t2.start()

t1.join()
t2.join()

print("main thread post job")
print("main thread end")
