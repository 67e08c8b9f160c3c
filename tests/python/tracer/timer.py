import threading

t = threading.Timer(0.1, print, args=("fired",))
t.name = "timer"
t.start()
t.join()
