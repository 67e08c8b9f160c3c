import threading
import time


def work():
    time.sleep(0.1)


worker = threading.Thread(target=work, name="worker")
worker.start()
worker.join()
worker.join()  # already over: no wait
