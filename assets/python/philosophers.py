# The dining philosophers: five philosophers round a table, one fork between
# each two. Each takes the fork on the left, then the one on the right, with a
# short pause between: all five hold a left fork and wait forever for the
# right one, which their neighbour holds. The program never ends.
# THREADLINE_SCALE or the first argument multiplies the pause; the default is 1.
import os
import sys
import threading
import time

SCALE = float(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("THREADLINE_SCALE", "1"))

forks = [threading.Lock() for _ in range(5)]


class Philosopher(threading.Thread):
    def __init__(self, i):
        super().__init__(name=f"philosopher {i}")
        self.left = i
        self.right = (i + 1) % 5

    def run(self):
        with forks[self.left]:
            # flush=True: the program never ends, so show each line at once.
            print(f"{self.name} takes fork {self.left}", flush=True)
            time.sleep(1 * SCALE)  # meanwhile every neighbour takes its left fork
            print(f"{self.name} waits for fork {self.right}", flush=True)
            with forks[self.right]:
                print(f"{self.name} eats", flush=True)  # never printed


print("five philosophers sit down", flush=True)
philosophers = []
for i in range(5):
    p = Philosopher(i)
    p.start()
    philosophers.append(p)
for p in philosophers:
    p.join()
print("every philosopher has eaten", flush=True)  # never printed
