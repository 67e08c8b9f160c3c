import os
import threading
import time

for i in range(3):
    threading.Thread(target=time.sleep, args=(5,), name="sleeper %d" % i, daemon=i == 0).start()
print("about to leave")
time.sleep(0.05)
os._exit(3)
