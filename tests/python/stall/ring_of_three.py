# Three threads, three locks made on one line and passed as arguments:
# each lock is named by its module-level name, not by the parameter. The
# three are daemons that main leaves behind in their ring.
import threading
import time

a, b, c = threading.Lock(), threading.Lock(), threading.Lock()


def take(first, second):
    with first:
        time.sleep(0.1)
        with second:
            print("never")


for name, pair in (("x", (a, b)), ("y", (b, c)), ("z", (c, a))):
    threading.Thread(target=take, args=pair, name=name, daemon=True).start()
time.sleep(0.5)
print("main leaves")
