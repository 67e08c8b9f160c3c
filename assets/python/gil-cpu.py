# CPU-bound threads take turns on the GIL: four threads that each compute
# for 1 s take about 4 s together, not 1 s.
# THREADLINE_SCALE or the first argument multiplies every duration (tests
# run it fast); the default is 1.
import os
import sys
import threading
import time

SCALE = float(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("THREADLINE_SCALE", "1"))


def compute(seconds):
    """Busy work: loop until this thread has used `seconds` of CPU time."""
    end = time.thread_time() + seconds
    total = 0
    while time.thread_time() < end:
        total += 1
    return total


class Cruncher(threading.Thread):
    def run(self):
        print(f"{self.name} starts computing")
        compute(1 * SCALE)
        print(f"{self.name} done")


print("main starts 4 CPU-bound threads")
threads = []
for i in range(4):
    t = Cruncher(name=f"cpu {i}")
    t.start()
    threads.append(t)
for t in threads:
    t.join()
print("main: all threads done")
