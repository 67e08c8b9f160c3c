# The only thread waits with no timeout, but a handler of its own can end
# the wait: a child process sends the signal.
import os
import signal
import subprocess
import threading

ev = threading.Event()
signal.signal(signal.SIGUSR1, lambda *a: ev.set())
subprocess.Popen(["sh", "-c", "sleep 1; kill -USR1 %d" % os.getpid()])
ev.wait()
print("woken")
