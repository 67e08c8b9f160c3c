# One thread blocks in os.read on a pipe while another spins on the CPU:
# the reader is blocked in I/O (never CPU-bound), the spinner runs.
import os
import threading
import time

r, w = os.pipe()


def reader():
    os.read(r, 10)


def spinner():
    n = 0
    while time.thread_time() < 0.3:
        for i in range(2000):
            n += i
    os.write(w, b"x")


a = threading.Thread(target=reader, name="reader")
b = threading.Thread(target=spinner, name="spinner")
a.start()
b.start()
a.join()
b.join()
