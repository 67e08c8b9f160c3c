# Threads used wrongly: the program's own errors, as CPython raises them,
# and the tracer goes on tracing what comes after.
import threading


class NoInit(threading.Thread):
    def __init__(self):
        pass  # Thread.__init__ never called

    def run(self):
        print("never runs")


try:
    NoInit().start()
except RuntimeError as e:
    print("error:", e)
t = threading.Thread(target=print, args=("after",), name="after")
t.start()
t.join()
try:
    t.start()
except RuntimeError as e:
    print("error:", e)
try:
    t.daemon = True
except RuntimeError as e:
    print("error:", e)
try:
    threading.Thread(target=print).join()
except RuntimeError as e:
    print("error:", e)
