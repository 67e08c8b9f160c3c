"""What reading an object's __dict__ costs it afterwards: a queue.Queue whose
__dict__ was read once (CPython 3.11 and 3.12 then build a real dict for its
inline attributes, and every later attribute access takes the slower path)
against one whose was not, 200,000 put/get each, interleaved rounds, the
median of the ratios.

    python benches/inline_attrs_bench.py [ROUNDS]
"""

import queue
import statistics
import sys
import time


def run(q):
    began = time.perf_counter()
    for i in range(200000):
        q.put(i)
        q.get()
    return time.perf_counter() - began


def main(argv):
    rounds = int(argv[0]) if argv else 5
    built = queue.Queue()
    object.__getattribute__(built, "__dict__")
    inline = queue.Queue()
    ratios = [run(built) / run(inline) for _ in range(rounds)]
    print("python %d.%d: __dict__ read once / never: %.2fx" % (sys.version_info[:2] + (statistics.median(ratios),)))


if __name__ == "__main__":
    main(sys.argv[1:])
