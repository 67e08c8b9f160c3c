# 4 CPU-bound threads.
import threading


def spin():
    n = 0
    for i in range(3000000):
        n += i


threads = [threading.Thread(target=spin) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
