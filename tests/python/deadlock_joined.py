import threading
import time

first = threading.Lock()
second = threading.Lock()


def a():
    with first:
        time.sleep(0.05)
        with second:
            pass


def b():
    with second:
        time.sleep(0.05)
        with first:
            pass


ta = threading.Thread(target=a, name="a")
tb = threading.Thread(target=b, name="b")
ta.start()
tb.start()
ta.join()
tb.join()
