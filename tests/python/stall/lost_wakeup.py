# notify() comes before the wait: the waiter waits for good, main at exit
# waits for it.
import threading

cv = threading.Condition()


def waiter():
    with cv:
        cv.wait()


w = threading.Thread(target=waiter, name="waiter")
with cv:
    cv.notify()
w.start()
print("main's code ends", flush=True)
