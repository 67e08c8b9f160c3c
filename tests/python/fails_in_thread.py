import threading


def boom():
    raise ValueError("boom in a thread")


t = threading.Thread(target=boom, name="boomer")
t.start()
t.join()
print("main goes on")
