# Prints, starts a thread that ends, then becomes another Python program by
# exec: what it did before is all said, and main ends by the exec, not as
# failed.
import os
import sys
import threading

print("before the exec")
t = threading.Thread(target=print, args=("worker before the exec",), name="worker")
t.start()
t.join()
os.execv(sys.executable, [sys.executable, "-c", "print('after the exec')"])
