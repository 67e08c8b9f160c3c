import _thread
import sys
import threading
import time

t = threading.Thread(target=time.sleep, args=(0.01,))
print(t.name)
time.sleep(0.05)
print(repr(time.sleep), "name", time.sleep.__name__)
lock = threading.Lock()
print("lock type ok" if type(lock) is type(_thread.allocate_lock()) and type(lock).__name__ == "lock" else "lock type differs")
if sys.version_info >= (3, 13):
    print("isinstance ok" if isinstance(lock, threading.Lock) and threading.Lock is _thread.LockType else "isinstance broken")
else:
    print("isinstance ok" if isinstance(lock, _thread.LockType) else "isinstance broken")
try:
    import sitecustomize  # noqa: F401
    print("sitecustomize imported")
except ImportError as error:
    print("no sitecustomize", type(error).__name__, error)
try:
    time.sleep("not a number")
except TypeError:
    import traceback

    traceback.print_exc()
t.start()
t.join()
