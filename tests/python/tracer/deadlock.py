import os
import threading
import time

first = threading.Lock()
second = threading.Lock()


def grab(mine, theirs, says):
    """Take `mine`, then, a moment later, `theirs`."""
    with mine:
        print(says, flush=True)
        time.sleep(0.05)
        with theirs:
            pass


threading.Thread(target=grab, args=(first, second, "mark a has first"), name="a", daemon=True).start()
threading.Thread(target=grab, args=(second, first, "mark b has second"), name="b", daemon=True).start()
time.sleep(0.3)
print("deadlocked", flush=True)
os._exit(0)
