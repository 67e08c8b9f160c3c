import os
import threading
import time

r, w = os.pipe()


def reader():
    os.read(r, 10)  # blocks in read(2) until main writes


t = threading.Thread(target=reader, name="reader")
t.start()
time.sleep(1.0)
os.write(w, b"x")
t.join()
