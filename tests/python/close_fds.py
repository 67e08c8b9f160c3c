# Closes every descriptor it did not open, as daemons do, then opens its
# own log (which gets the lowest number free) and starts a thread. argv[1]:
# the log's path.
import os
import sys
import threading

print("before the close", flush=True)
for name in os.listdir("/proc/self/fd"):
    if int(name) > 2:
        try:
            os.close(int(name))
        except OSError:
            pass
log = open(sys.argv[1], "w")
print("log fd", log.fileno())


def work():
    print("worker after the close")


t = threading.Thread(target=work, name="after")
t.start()
t.join()
log.write("the program's own line\n")
log.close()
sys.exit(4)
