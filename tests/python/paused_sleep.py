# Two sleeps, each to be paused in its middle by the test: one given as a
# constant, one through a name (argv[1] seconds).
import sys
import time

d = float(sys.argv[1])
print("first", flush=True)
time.sleep(1.0)
print("second", flush=True)
time.sleep(d)
print("done", flush=True)
