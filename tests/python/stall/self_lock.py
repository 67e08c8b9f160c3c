# A thread takes a Lock it already holds (a Lock is not reentrant): a ring
# of one, for good. It is a daemon and main goes on sleeping, then leaves:
# the program ends itself, and the ring is named as it stood to the end.
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
for _ in range(10):
    time.sleep(0.05)
print("main leaves")
