# The seed's daemon program. assets/python/seed/daemon.py spells it as the
# post does, with currentThread() and getName() (deprecated since Python 3.10:
# a DeprecationWarning on stderr); the tests and scripts/measure-cpython.py
# derive today's spelling from that file. THREADLINE_SLEEP (seconds) or the
# first argument shortens the sleep for tests; the default is 3.
import os
import sys
import threading
import time

SLEEP = float(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("THREADLINE_SLEEP", "3"))


class Worker(threading.Thread):
    def __init__(self, name):
        super().__init__()
        self.name = name

    def run(self):
        print("sub thread start ", threading.currentThread().getName())
        time.sleep(SLEEP)
        print("sub thread end   ", threading.currentThread().getName())


print("main thread start")
for i in range(5):
    name = "thread {}".format(i)
    t = Worker(name)
    t.daemon = True
    t.start()

print("main thread end")
