# Two daemon threads join each other: a ring of waits none of them can
# leave. Main does not wait for them: it sleeps, leaves, and the process
# ends them.
import threading
import time

ts = {}


def a():
    time.sleep(0.05)
    ts["b"].join()


def b():
    time.sleep(0.05)
    ts["a"].join()


ts["a"] = threading.Thread(target=a, name="a", daemon=True)
ts["b"] = threading.Thread(target=b, name="b", daemon=True)
ts["a"].start()
ts["b"].start()
time.sleep(0.5)
print("main gives up")
