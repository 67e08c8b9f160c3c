# A thread that C code starts (pthread_create through ctypes) and that runs
# Python in a callback: the tracer never sees it start or end. It ends when
# its task leaves /proc, finished, long before main ends; main never waits
# in a start() it did not call.
import ctypes
import threading
import time

libc = ctypes.CDLL(None)
CALLBACK = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)


def body(arg):
    print("in the C thread:", threading.current_thread().name)
    time.sleep(0.1)


callback = CALLBACK(body)
tid = ctypes.c_ulong()
libc.pthread_create(ctypes.byref(tid), None, callback, None)
libc.pthread_join(tid, None)
time.sleep(0.5)
print("main ends")
