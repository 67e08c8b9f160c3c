# A worker ends the whole process with os._exit(4) while main sleeps.
import os
import threading
import time


def leave():
    time.sleep(0.02)
    os._exit(4)


threading.Thread(target=leave, name="leaver").start()
time.sleep(5)
print("never printed")
