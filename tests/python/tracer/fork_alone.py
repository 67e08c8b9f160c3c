# os.fork() in a program with no thread but main: no warning that the
# process is multi-threaded (3.12+ gives one only when it is).
import os

pid = os.fork()
if pid == 0:
    os._exit(5)
_, status = os.waitpid(pid, 0)
print("child", status >> 8)
