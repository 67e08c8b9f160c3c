# Two pure-Python CPU-bound threads: each spins until it has used SECONDS of
# CPU time of its own (argv[1], default 0.4), so the amount of work does not
# depend on the machine. Under the GIL they take turns.
import sys
import threading
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 0.4


def spin():
    n = 0
    while time.thread_time() < SECONDS:
        for i in range(2000):
            n += i


threads = [threading.Thread(target=spin, name="cpu %d" % k) for k in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
