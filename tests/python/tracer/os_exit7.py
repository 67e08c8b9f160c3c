import os
import threading
import time

threading.Thread(target=time.sleep, args=(5,), name="sleeper", daemon=True).start()
print("before exit")
print("partial", end="")
time.sleep(0.01)
# nothing flushed it yet: os._exit must not lose it
os._exit(7)
