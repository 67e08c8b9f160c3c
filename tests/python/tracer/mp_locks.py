import multiprocessing as mp
import threading
import time

lk = mp.Lock()
sem = mp.Semaphore(0)
ev = mp.Event()


def holder():
    with lk:
        time.sleep(0.3)


def child(lk):
    with lk:
        pass


if __name__ == "__main__":
    h = threading.Thread(target=holder, name="holder")
    h.start()
    time.sleep(0.05)
    print(lk.acquire(False), lk.acquire(timeout=0), lk.acquire(block=False))
    waiters = [threading.Thread(target=sem.acquire, name="sem"), threading.Thread(target=ev.wait, name="ev")]
    for t in waiters:
        t.start()
    p = mp.get_context("fork").Process(target=child, args=(lk,))
    p.start()
    time.sleep(0.1)
    sem.release()
    ev.set()
    for t in waiters:
        t.join()
    h.join()
    p.join()
    print("done", p.exitcode)
