# The consumer waits for one more item nobody puts; main joins it.
import queue
import threading

q = queue.Queue()


def consumer():
    while True:
        print("got", q.get(), flush=True)


c = threading.Thread(target=consumer, name="consumer")
c.start()
for i in range(3):
    q.put(i)
c.join()
