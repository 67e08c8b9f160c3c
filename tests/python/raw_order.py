# print, os.write to fd 1 and a shell child's echo, in turn (10 ms apart,
# but a raw write right after a print): traced, the lines come out in the
# order the program wrote them. With --flush every print is flushed, so
# that untraced, on a pipe, they come out in that order too.
import os
import sys
import time

flush = "--flush" in sys.argv


def pause():
    end = time.perf_counter() + 0.01
    while time.perf_counter() < end:
        pass


print("print one", flush=flush)
os.write(1, b"os.write line\n")
pause()
os.system("echo from a shell child")
pause()
print("print two", flush=flush)
pause()
os.write(1, b"os.write two\n")
pause()
print("at the end", flush=flush)
