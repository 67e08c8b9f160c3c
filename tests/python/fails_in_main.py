import threading

threading.Thread(target=print, args=("worker ran",), name="w").start()
raise SystemExit(7) if False else RuntimeError("main fails")
