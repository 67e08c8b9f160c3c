# I/O-bound threads overlap: time.sleep (like blocking I/O) releases the GIL,
# so four threads that each wait 0.5 s take about 0.5 s together, not 2 s.
# THREADLINE_SCALE or the first argument multiplies every duration (tests
# run it fast); the default is 1.
import os
import sys
import threading
import time

SCALE = float(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("THREADLINE_SCALE", "1"))


class Waiter(threading.Thread):
    def run(self):
        print(f"{self.name} waits for I/O")
        time.sleep(0.5 * SCALE)  # stands for a download, a disk read, a query
        print(f"{self.name} done")


print("main starts 4 I/O-bound threads")
threads = []
for i in range(4):
    t = Waiter(name=f"io {i}")
    t.start()
    threads.append(t)
for t in threads:
    t.join()
print("main: all threads done")
