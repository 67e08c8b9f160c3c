# A thread takes a Lock it already holds (a Lock is not reentrant) while
# main goes on sleeping: a ring of one, called at once.
import threading
import time

lk = threading.Lock()


def inner():
    with lk:
        print("never")


def outer():
    with lk:
        inner()


threading.Thread(target=outer, name="selfish", daemon=True).start()
while True:
    time.sleep(0.05)
