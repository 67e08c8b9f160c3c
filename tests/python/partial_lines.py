import os
import sys
import threading

print("a", end="", flush=True)
sys.stderr.write("E")
sys.stderr.flush()
print("b")
sys.stderr.write("F\n")
os.write(1, b"raw bytes\n")
sys.stdout.flush()


def worker():
    print("no newline at the end", end="")


t = threading.Thread(target=worker, name="w")
t.start()
t.join()
print("unfinished", end="", flush=True)
os._exit(0)
