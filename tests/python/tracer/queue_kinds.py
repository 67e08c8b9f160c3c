import queue
import threading
import time

jobs = queue.Queue(maxsize=1)
lifo = queue.LifoQueue()
prio = queue.PriorityQueue()
simple = queue.SimpleQueue()


def consumer():
    time.sleep(0.1)
    jobs.get()
    jobs.get()
    jobs.get()


def others():
    lifo.get()
    prio.get()
    simple.get()


c = threading.Thread(target=consumer, name="consumer")
c.start()
o = threading.Thread(target=others, name="others")
o.start()
jobs.put(1)
jobs.put(2)  # full: waits until the consumer takes one
time.sleep(0.1)
jobs.put(3)
lifo.put(1)
time.sleep(0.05)
prio.put(1)
time.sleep(0.05)
simple.put(1)
c.join()
o.join()
