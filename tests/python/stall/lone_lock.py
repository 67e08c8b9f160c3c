# A lone thread waits for a Lock that a thread which has ended kept: the
# monitor looks at a lone thread too (less often), and calls it.
import threading

lk = threading.Lock()


def grab():
    lk.acquire()
    print("grabbed and gone", flush=True)


t = threading.Thread(target=grab, name="leaver")
t.start()
t.join()
with lk:
    print("never")
