# main holds a Lock taken with acquire() (its holder is not seen) and
# joins a thread that waits for it.
import threading

lk = threading.Lock()


def worker():
    with lk:
        print("never")


lk.acquire()
t = threading.Thread(target=worker, name="needs-lock")
t.start()
t.join()
