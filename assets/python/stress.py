# Many short-lived threads: main starts 200 workers, each a real OS thread
# that computes a little, sleeps, computes again; then main joins them all.
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


class Short(threading.Thread):
    def run(self):
        compute(0.01 * SCALE)
        time.sleep(0.5 * SCALE)
        compute(0.01 * SCALE)


print("main starts the workers")
workers = []
for i in range(200):
    t = Short(name=f"short {i}")
    t.start()
    workers.append(t)
for t in workers:
    t.join()
print("main joined every worker")
