import threading


def boom(n):
    raise ValueError("boom %d" % n)


def leave():
    raise SystemExit(0)


t = threading.Thread(target=boom, args=(7,), name="boomer")
t.start()
t.join()
q = threading.Thread(target=leave, name="quiet")
q.start()
q.join()
print("main goes on")
