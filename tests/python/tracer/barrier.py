import threading
import time

line = threading.Barrier(3)


def meet():
    time.sleep(0.01)
    line.wait()


threads = [threading.Thread(target=meet, name="b%d" % i) for i in range(2)]
for t in threads:
    t.start()
time.sleep(0.1)
line.wait()
for t in threads:
    t.join()
