"""The tracer's own Python, counted: bytecodes executed in the tracer's
functions (a settrace counting `opcode` events) while a workload runs under
it, in total and by function.

    python benches/tracer_opcodes.py [--python PY] SCRIPT

SCRIPT is any program, e.g. a smaller benches/tracer workload (1,000 threads
started and joined: per-thread counts; 20,000 queue items: per-wait counts).
The counting slows the program down many times: counts only, no times.
"""

import sys

from tracer_bench import standin  # the tracer set up as threadline does

COUNT = r"""
import collections, runpy, sys, threading
counts = collections.Counter()
def tracer(frame, event, arg):
    if "sitecustomize" not in frame.f_code.co_filename:
        return None
    frame.f_trace_opcodes = True
    name = frame.f_code.co_name
    def local(frame, event, arg):
        if event == "opcode":
            counts[name] += 1
        return local
    return local
sys.settrace(tracer)
threading.settrace(tracer)
runpy.run_path(sys.argv[1], run_name="__main__")
sys.settrace(None)
threading.settrace(None)
out = sys.__stderr__
out.write("total %d opcodes in the tracer\n" % sum(counts.values()))
for name, n in counts.most_common(15):
    out.write("  %-26s %d\n" % (name, n))
"""


def main():
    args = sys.argv[1:]
    python = sys.executable
    if args[:1] == ["--python"]:
        python, args = args[1], args[2:]
    if len(args) != 1:
        sys.exit(__doc__)
    standin(python, "-c", COUNT, args[0], stderr=None)


main()
