import threading

lock = threading.Lock()
total = 0


def add():
    global total
    for _ in range(20000):
        with lock:
            total += 1


threads = [threading.Thread(target=add) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(total)
