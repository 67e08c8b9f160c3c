import threading


def lookup():
    table = {}
    return table["missing"]


threading.Thread(target=print, args=("worker",)).start()
lookup()
