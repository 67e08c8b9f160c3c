# Daemon and non-daemon workers together: the daemon threads live exactly as
# long as the last non-daemon thread, then the process exits and stops them.
# THREADLINE_SCALE or the first argument multiplies every sleep (tests run
# it fast); the default is 1.
import os
import sys
import threading
import time

SCALE = float(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("THREADLINE_SCALE", "1"))


class Worker(threading.Thread):
    def __init__(self, name):
        super().__init__(name=name)

    def run(self):
        print("worker start ", self.name)
        time.sleep(2 * SCALE)
        print("worker end   ", self.name)


class Daemon(threading.Thread):
    def __init__(self, name):
        super().__init__(name=name, daemon=True)

    def run(self):
        print("daemon start ", self.name)
        time.sleep(5 * SCALE)
        print("daemon end   ", self.name)  # never printed: cut short at the exit


print("main thread start")
for i in range(2):
    Worker("worker {}".format(i)).start()
for i in range(3):
    Daemon("daemon {}".format(i)).start()
print("main thread end")
