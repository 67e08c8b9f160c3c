# Children that end by themselves: one forked by the program (not by
# multiprocessing) that leaves through the interpreter's own exit, long
# before main; two `subprocess` children, one exiting 0, one 3.
import os
import subprocess
import sys
import time

pid = os.fork()
if pid == 0:
    time.sleep(0.05)
    print("forked child leaves", flush=True)
    sys.exit(0)
for code in (0, 3):
    r = subprocess.run([sys.executable, "-c", "import sys; sys.exit(%d)" % code])
    print("returncode", r.returncode)
time.sleep(0.3)
os.waitpid(pid, 0)
print("main leaves")
