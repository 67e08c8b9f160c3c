import os
import signal
import threading
import time
import traceback

signal.signal(signal.SIGINT, signal.default_int_handler)
threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT)).start()
try:
    time.sleep(0.3)
except KeyboardInterrupt:
    traceback.print_exc()
threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT)).start()
t = threading.Thread(target=time.sleep, args=(0.3,), daemon=True)
t.start()
t.join()
