import multiprocessing
import os
import threading
import time


def child(how):
    t = threading.Thread(target=time.sleep, args=(0.02,), name="child thread")
    t.start()
    t.join()
    print("child %s says hi" % how)


def fail():
    raise ValueError("child fails")


if __name__ == "__main__":
    for how in ("fork", "spawn", "forkserver"):
        p = multiprocessing.get_context(how).Process(target=child, args=(how,))
        p.start()
        p.join()
        print(how, "exit code", p.exitcode)
    # How a child ended, as the parent sees it: one fails, one is killed.
    fork = multiprocessing.get_context("fork")
    bad = fork.Process(target=fail, name="bad")
    bad.start()
    bad.join()
    print("bad exit code", bad.exitcode)
    slow = fork.Process(target=time.sleep, args=(30,), name="slow")
    slow.start()
    time.sleep(0.2)
    slow.terminate()
    slow.join()
    print("slow exit code", slow.exitcode)
