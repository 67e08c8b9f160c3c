import os
import threading
import time

first = threading.Lock()
second = threading.Lock()


def a():
    with first:
        print("mark a has first", flush=True)
        time.sleep(0.05)
        with second:
            pass


def b():
    with second:
        print("mark b has second", flush=True)
        time.sleep(0.05)
        with first:
            pass


threading.Thread(target=a, name="a", daemon=True).start()
threading.Thread(target=b, name="b", daemon=True).start()
time.sleep(0.3)
print("deadlocked", flush=True)
os._exit(0)
