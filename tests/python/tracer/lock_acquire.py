import threading
import time

vault = threading.Lock()
for _ in range(1000):  # uncontended: nothing to report
    vault.acquire()
    vault.release()


def holder():
    vault.acquire()
    print("mark held", flush=True)
    time.sleep(0.2)
    print("mark released", flush=True)
    vault.release()


def waiter():
    print("mark blocked", flush=True)
    if vault.acquire(timeout=5):
        vault.release()


h = threading.Thread(target=holder, name="holder")
h.start()
time.sleep(0.05)
w = threading.Thread(target=waiter, name="waiter")
w.start()
h.join()
w.join()
