import os
import threading
import time

r, w = os.pipe()


def reader():
    data = os.read(r, 100)  # blocks in read(2): the sampler's to see
    print("got", data)


t = threading.Thread(target=reader, name="reader")
t.start()
time.sleep(0.1)
os.write(w, b"hello")
t.join()
