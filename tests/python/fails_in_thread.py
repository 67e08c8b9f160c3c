import threading


def boom():
    raise ValueError("boom in a thread")


t = threading.Thread(target=boom, name="boomer")
t.start()
t.join()
print("main goes on")


def leave():
    raise SystemExit(0)


quiet = threading.Thread(target=leave, name="exits quietly")
quiet.start()
quiet.join()
