# 1,000 threads started and joined, 10,000 lines printed.
import threading


def work(n):
    for i in range(10):
        print("thread", n, "line", i)


threads = [threading.Thread(target=work, args=(n,)) for n in range(1000)]
for t in threads:
    t.start()
for t in threads:
    t.join()
