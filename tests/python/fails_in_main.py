import threading

threading.Thread(target=print, args=("worker ran",), name="w").start()
raise RuntimeError("main fails")
