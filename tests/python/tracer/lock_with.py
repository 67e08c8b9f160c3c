import threading
import time


vault = threading.Lock()


def holder():
    with vault:
        print("mark held", flush=True)
        time.sleep(0.2)
    print("mark released", flush=True)


def waiter():
    print("mark blocked", flush=True)
    with vault:
        pass


h = threading.Thread(target=holder, name="holder")
h.start()
time.sleep(0.05)
w = threading.Thread(target=waiter, name="waiter")
w.start()
h.join()
w.join()
