# multiprocessing: each worker is a child process with its own memory and its
# own GIL. Each adds 1000 to its own copy of `counter` and computes for 0.5 s;
# the parent's `counter` stays 0.
# THREADLINE_SCALE or the first argument multiplies every duration (tests
# run it fast); the default is 1.
import multiprocessing
import os
import sys
import time

SCALE = float(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("THREADLINE_SCALE", "1"))

counter = 0


def compute(seconds):
    """Busy work: loop until this process has used `seconds` of CPU time."""
    end = time.thread_time() + seconds
    total = 0
    while time.thread_time() < end:
        total += 1
    return total


class Worker(multiprocessing.Process):
    def run(self):
        global counter
        print(f"{self.name} start")
        for _ in range(1000):
            counter += 1  # the child's own copy
        compute(0.5 * SCALE)
        print("counter =", counter)
        print(f"{self.name} end")


if __name__ == "__main__":  # children started by "spawn" import this file
    print("parent: starting 4 processes")
    workers = []
    for i in range(4):
        p = Worker(name=f"process {i}")
        p.start()
        workers.append(p)
    for p in workers:
        p.join()
    print("counter =", counter)  # still 0: no child changed this one
    print("parent: all processes joined")
