import _thread
import time

raw = _thread.allocate_lock()
done = _thread.allocate_lock()


def waiter():
    with raw:
        pass
    done.release()


raw.acquire()
done.acquire()
_thread.start_new_thread(waiter, ())
time.sleep(0.2)
raw.release()
with done:
    pass
time.sleep(0.02)
