# os.fork() while another thread runs: the child goes on in the forking
# thread alone and imports what it likes. Each child sleeps (so the tracer
# reads the sleep's call) and leaves with its own code; the parent reaps it
# without ever hanging: a child that has not ended in 5 s is killed.
import os
import threading
import time


def nap():
    time.sleep(0.05)


codes = []
for k in range(3):
    t = threading.Thread(target=nap, name="nap%d" % k)
    t.start()
    pid = os.fork()
    if pid == 0:
        time.sleep(0.01)
        import json  # noqa: F401  (an import in the child)
        os._exit(10 + k)
    deadline = time.monotonic() + 5
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            codes.append(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            codes.append("hung")
            break
        time.sleep(0.005)
    t.join()
print(codes)
