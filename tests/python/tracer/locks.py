# Three ways to wait for a lock another thread holds, one pair of threads
# each, one after the other: `with` on a Lock, `acquire(timeout=…)` on a
# Lock, and `with` on an RLock its holder re-enters.
import threading
import time

vault = threading.Lock()
door = threading.RLock()
for _ in range(1000):  # uncontended: nothing to report
    vault.acquire()
    vault.release()


def with_holder():
    with vault:
        print("mark with held", flush=True)
        time.sleep(0.2)
    print("mark with released", flush=True)


def with_waiter():
    print("mark with blocked", flush=True)
    with vault:
        pass


def acquire_holder():
    vault.acquire()
    print("mark acquire held", flush=True)
    time.sleep(0.2)
    print("mark acquire released", flush=True)
    vault.release()


def acquire_waiter():
    print("mark acquire blocked", flush=True)
    if vault.acquire(timeout=5):
        vault.release()


def rlock_holder():
    with door:
        with door:  # re-entering its own RLock is no wait
            time.sleep(0.2)


def rlock_waiter():
    with door:
        pass


def pair(how, holder, waiter):
    """`holder` takes the lock, then `waiter` comes and waits for it."""
    h = threading.Thread(target=holder, name=how + " holder")
    h.start()
    time.sleep(0.05)
    w = threading.Thread(target=waiter, name=how + " waiter")
    w.start()
    h.join()
    w.join()


pair("with", with_holder, with_waiter)
pair("acquire", acquire_holder, acquire_waiter)
pair("rlock", rlock_holder, rlock_waiter)
