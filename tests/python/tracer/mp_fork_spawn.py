import multiprocessing
import os
import threading
import time


def child(how):
    t = threading.Thread(target=time.sleep, args=(0.02,), name="child thread")
    t.start()
    t.join()
    print("child %s says hi" % how)


if __name__ == "__main__":
    for how in ("fork", "spawn", "forkserver"):
        p = multiprocessing.get_context(how).Process(target=child, args=(how,))
        p.start()
        p.join()
        print(how, "exit code", p.exitcode)
