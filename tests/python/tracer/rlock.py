import threading
import time

door = threading.RLock()


def holder():
    with door:
        with door:  # re-entering its own RLock is no wait
            time.sleep(0.2)


def waiter():
    with door:
        pass


h = threading.Thread(target=holder, name="holder")
h.start()
time.sleep(0.05)
w = threading.Thread(target=waiter, name="waiter")
w.start()
h.join()
w.join()
