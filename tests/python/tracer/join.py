import threading
import time


def work():
    time.sleep(0.1)


worker = threading.Thread(target=work, name="worker")
worker.start()
worker.join()
worker.join()  # already over: no wait


def watch():
    threading.main_thread().join()  # until main's code is over


watcher = threading.Thread(target=watch, name="watcher")
watcher.start()
time.sleep(0.05)
