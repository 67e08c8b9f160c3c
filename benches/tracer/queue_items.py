# 200,000 items through a queue.Queue from a producer thread to main.
import queue
import threading

N = 200000
q = queue.Queue(maxsize=100)


def produce():
    for i in range(N):
        q.put(i)


t = threading.Thread(target=produce)
t.start()
total = 0
for _ in range(N):
    total += q.get()
t.join()
print(total)
