import threading

t = threading.Thread(target=print, args=("hi",), name="n" * 10000)
t.name = "é" * 10000
t.start()
t.join()
