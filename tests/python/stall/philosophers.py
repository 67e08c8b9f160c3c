# Five philosophers each take the fork on their left, then the one on
# their right: a ring of five. The forks are named by the index computed.
import threading
import time

forks = [threading.Lock() for _ in range(5)]


def dine(i):
    with forks[i]:
        time.sleep(0.1)
        with forks[(i + 1) % 5]:
            print("never")


ts = [threading.Thread(target=dine, args=(i,), name="phil%d" % i) for i in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
