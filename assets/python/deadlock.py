# A deadlock: alice takes the left lock then the right one, bob takes the
# right then the left. Each sleeps between its two locks, so each holds one
# and waits forever for the other: the program never ends. Ctrl-C once
# interrupts main's join() but the interpreter then waits for alice and bob at
# exit; a second Ctrl-C gives that up too (see docs/semantics.md).
# THREADLINE_SCALE or the first argument multiplies the sleep; the default is 1.
import os
import sys
import threading
import time

SCALE = float(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("THREADLINE_SCALE", "1"))

left = threading.Lock()
right = threading.Lock()


class Person(threading.Thread):
    def __init__(self, name, first, second):
        super().__init__(name=name)
        self.first = first  # (name, lock): taken first
        self.second = second

    def run(self):
        first_name, first_lock = self.first
        second_name, second_lock = self.second
        with first_lock:
            # flush=True: the program never ends, so show each line at once.
            print(f"{self.name} has {first_name}", flush=True)
            time.sleep(1 * SCALE)  # the other one takes its first lock meanwhile
            print(f"{self.name} waits for {second_name}", flush=True)
            with second_lock:
                print(f"{self.name} has both", flush=True)  # never printed


print("main starts alice and bob", flush=True)
alice = Person("alice", ("left", left), ("right", right))
bob = Person("bob", ("right", right), ("left", left))
alice.start()
bob.start()
alice.join()
bob.join()
print("main: alice and bob are done", flush=True)  # never printed
