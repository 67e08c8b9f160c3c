# 10,000 threads in batches of 500, each sleeps 10 ms and prints a line.
import threading, time
def work(i):
    time.sleep(0.01)
for b in range(20):
    ts = [threading.Thread(target=work, args=(b * 500 + k,)) for k in range(500)]
    for t in ts: t.start()
    for t in ts: t.join()
print("done")
