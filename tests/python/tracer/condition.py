import threading
import time

ready = threading.Condition()
items = []


def consumer():
    with ready:
        print("mark waiting", flush=True)
        ready.wait()
        ready.wait_for(lambda: len(items) >= 2)


def producer():
    with ready:
        items.append(1)
        print("mark notified", flush=True)
        ready.notify()
    time.sleep(0.05)
    with ready:
        time.sleep(0.1)  # holds it: `late` waits for the lock
        items.append(2)
        ready.notify()


def late():
    with ready:
        pass


c = threading.Thread(target=consumer, name="consumer")
c.start()
time.sleep(0.1)
p = threading.Thread(target=producer, name="producer")
p.start()
time.sleep(0.1)
l = threading.Thread(target=late, name="late")
l.start()
for t in (c, p, l):
    t.join()
