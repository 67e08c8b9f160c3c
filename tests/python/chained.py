import multiprocessing
import threading


def child():
    print("from the forked child")


print("user sitecustomize ran:", getattr(__builtins__, "USER_SITECUSTOMIZE_RAN", False))
t = threading.Thread(target=print, args=("traced thread",), name="t")
t.start()
t.join()
p = multiprocessing.get_context("fork").Process(target=child)
p.start()
p.join()
print("child exit code", p.exitcode)
