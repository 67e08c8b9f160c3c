# Every wait has a timeout: the program is slow, not stuck.
import queue
import threading

q = queue.Queue()
ev = threading.Event()


def poll():
    for _ in range(4):
        try:
            q.get(timeout=0.1)
        except queue.Empty:
            pass
    ev.wait(0.2)


ts = [threading.Thread(target=poll, name="poll%d" % i) for i in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("done")
