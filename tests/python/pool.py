import _thread
import threading
import time
from concurrent.futures import ThreadPoolExecutor

pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool")
futures = [pool.submit(time.sleep, 0.05) for _ in range(4)]
# Not shut down: threading._shutdown joins the workers at exit.

timer = threading.Timer(0.02, lambda: print("timer fired"))
timer.name = "timer"
timer.start()

done = threading.Event()


def raw():
    print("raw thread ran")
    done.set()


_thread.start_new_thread(raw, ())
done.wait()
timer.join()
