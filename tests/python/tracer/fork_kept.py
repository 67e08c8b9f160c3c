# A queue's wait is kept (its kind, object, site) after the first; a child
# forked after that numbers its own files and objects, and its wait on the
# same queue from the same line names them anew.
import os
import queue

q = queue.Queue()


def poll():
    try:
        q.get(timeout=0.05)
    except queue.Empty:
        pass


poll()
poll()
pid = os.fork()
if pid == 0:
    poll()
    os._exit(0)
os.waitpid(pid, 0)
