# Benchmark load for the tracer: start and join 1,000 threads, print 10,000 lines.
import threading


def work(n):
    for i in range(10):
        print("thread", n, "line", i)


threads = [threading.Thread(target=work, args=(n,)) for n in range(1000)]
for t in threads:
    t.start()
for t in threads:
    t.join()
