import _thread
import threading
import time


def poke():
    time.sleep(0.1)
    _thread.interrupt_main()


for what, wait in (("sleep", lambda: time.sleep(0.3)), ("wait", lambda: threading.Event().wait(0.3))):
    threading.Thread(target=poke).start()
    try:
        wait()
        print(what, "went on")
    except KeyboardInterrupt:
        print(what, "interrupted")
