# Naming what a wait is on must not make CPython build an object's instance
# dict: on 3.11 and 3.12 every attribute access of that object is slower for
# good once it has one (a queue's get and put by a quarter and more).
import gc
import queue
import sys
import threading
import time


class Box:
    def __init__(self):
        self.lock = threading.Lock()


box = Box()
jobs = queue.Queue()
ready = threading.Condition()


def worker():
    with box.lock:
        time.sleep(0.15)
    time.sleep(0.1)
    jobs.put(1)
    with ready:
        ready.notify()


with ready:
    t = threading.Thread(target=worker, name="worker")
    t.start()
    time.sleep(0.05)
    with box.lock:  # the worker holds it
        pass
    jobs.get()  # the worker puts one after a while
    ready.wait(5)
t.join()


def attributes(obj):
    if sys.version_info[:2] not in ((3, 11), (3, 12)):
        return "kept as CPython keeps them"  # not observable on this version
    built = any(type(r) is dict for r in gc.get_referents(obj))
    return "in a dict built for them" if built else "kept inline"


for name, obj in (("box", box), ("jobs", jobs), ("ready", ready)):
    print(name, attributes(obj))
