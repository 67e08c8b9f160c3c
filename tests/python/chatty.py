import sys
import threading

THREADS, LINES = int(sys.argv[1]), int(sys.argv[2])


def talk(n):
    for i in range(LINES):
        print("t%d line %d %s" % (n, i, "x" * (i % 50)))


threads = [threading.Thread(target=talk, args=(n,), name="talker %d" % n) for n in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("long " + "é" * 5000)
