# 10,000 threads, each started and joined before the next.
import threading


def work():
    pass


for _ in range(10000):
    t = threading.Thread(target=work)
    t.start()
    t.join()
