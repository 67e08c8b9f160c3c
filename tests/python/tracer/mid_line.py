# A thread's line is in two pieces when main's code ends between them: it
# is still one line (main's end does not end other threads' lines).
import sys
import threading
import time

begun = threading.Event()


def writer():
    sys.stdout.write("first ")
    begun.set()
    while threading.main_thread().is_alive():
        time.sleep(0.001)
    sys.stdout.write("second\n")


threading.Thread(target=writer, name="writer").start()
begun.wait()
