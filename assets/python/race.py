# A data race, three ways. 4 threads each add N to a shared counter:
#   counter   `counter += 1`: a read, then a write
#   called    `called = add(called)`: a Python function call between them
#   safe      `safe += 1` inside `with lock:`
# A thread switch between the read and the write loses the updates the other
# threads made meanwhile. Only the lock makes that impossible; CPython 3.10+
# happens never to switch inside `counter += 1` (see docs/semantics.md).
# N is the first argument or THREADLINE_TIMES (default 10000; try 1000000).
import os
import sys
import threading

N = int(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("THREADLINE_TIMES", "10000"))

counter = 0
called = 0
safe = 0
lock = threading.Lock()


def add(value):
    return value + 1


class Racer(threading.Thread):
    def run(self):
        global counter
        for _ in range(N):
            counter += 1


class Caller(threading.Thread):
    def run(self):
        global called
        for _ in range(N):
            called = add(called)


class Careful(threading.Thread):
    def run(self):
        global safe
        for _ in range(N):
            with lock:
                safe += 1


def run_four(cls, name):
    """Start 4 threads of `cls`, then wait for all of them."""
    threads = []
    for i in range(4):
        t = cls(name=f"{name} {i}")
        t.start()
        threads.append(t)
    for t in threads:
        t.join()


print(f"4 threads each add {N} to counter, with no lock")
run_four(Racer, "racer")
print("counter =", counter)
print(f"4 threads each add {N} to called, through a function call, with no lock")
run_four(Caller, "caller")
print("called =", called)
print(f"4 threads each add {N} to safe, holding a lock for every update")
run_four(Careful, "locked")
print("safe =", safe)
