import threading
import time

go = threading.Event()


def w():
    print("mark waiting", flush=True)
    go.wait()


t = threading.Thread(target=w, name="w")
t.start()
time.sleep(0.1)
print("mark set", flush=True)
go.set()
t.join()
