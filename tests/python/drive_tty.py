# Runs a command on a pseudo-terminal like a person would: Ctrl-Z, continue,
# Ctrl-C. Prints what it saw; the Rust test checks it.
import os
import pty
import select
import signal
import sys
import time

pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""


def drain(seconds, until=None):
    global out
    end = time.time() + seconds
    while time.time() < end and not (until and until in out):
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                out += os.read(fd, 4096)
            except OSError:
                return


def state(p):
    try:
        with open("/proc/%d/stat" % p) as f:
            return f.read().rsplit(") ", 1)[1][0]
    except OSError:
        return "gone"


drain(10, b"ready")
os.write(fd, b"\x1a")  # Ctrl-Z
for _ in range(100):
    if state(pid) == "T":
        break
    time.sleep(0.05)
print("after ctrl-z:", state(pid))
os.kill(pid, signal.SIGCONT)
time.sleep(0.3)
print("after continue:", state(pid))
os.write(fd, b"\x03")  # Ctrl-C
drain(10)
_, status = os.waitpid(pid, 0)
print("exit:", os.waitstatus_to_exitcode(status))
print(out.decode(errors="replace"))
