# 10,000 threads in batches of 500, each takes one item from a queue.
import threading, queue
q = queue.Queue()
def work():
    q.get()
    q.task_done()
for b in range(20):
    ts = [threading.Thread(target=work) for k in range(500)]
    for t in ts: t.start()
    for k in range(500): q.put(k)
    for t in ts: t.join()
print("done")
