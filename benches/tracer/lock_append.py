# 10,000 threads in batches of 500, each appends under one lock.
import threading
lock = threading.Lock()
items = []
def work(i):
    with lock:
        items.append(i)
for b in range(20):
    ts = [threading.Thread(target=work, args=(b * 500 + k,)) for k in range(500)]
    for t in ts: t.start()
    for t in ts: t.join()
print(len(items))
