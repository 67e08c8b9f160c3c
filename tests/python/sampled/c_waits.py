# Threads that wait in C code the tracer cannot see, while another spins
# on the CPU: one asleep in libc's usleep (through ctypes), one blocked in
# flock(2) on a file main holds locked. They sleep and are blocked in I/O;
# neither is waiting for the GIL.
import ctypes
import fcntl
import os
import tempfile
import threading
import time

libc = ctypes.CDLL(None)
fd, path = tempfile.mkstemp()
holder = os.fdopen(fd, "w")
fcntl.flock(holder, fcntl.LOCK_EX)


def napper():
    libc.usleep(500000)


def locker():
    with open(path) as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        fcntl.flock(f, fcntl.LOCK_UN)


def spinner():
    n = 0
    while time.thread_time() < 0.3:
        for i in range(2000):
            n += i


threads = [
    threading.Thread(target=napper, name="napper"),
    threading.Thread(target=locker, name="locker"),
    threading.Thread(target=spinner, name="spinner"),
]
for t in threads:
    t.start()
libc.usleep(600000)
fcntl.flock(holder, fcntl.LOCK_UN)
for t in threads:
    t.join()
holder.close()
os.unlink(path)
