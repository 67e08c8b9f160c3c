import threading


def spin():
    n = 0
    for i in range(300000):
        n += i


threads = [threading.Thread(target=spin, name="cpu %d" % k) for k in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
