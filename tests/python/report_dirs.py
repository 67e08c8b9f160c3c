# Prints the mode of the tracer's directories on sys.path and of the files
# in them: "MODE PATH" per line.
import os
import stat
import sys

for entry in sys.path:
    name = os.path.basename(entry)
    if not (name.startswith("threadline-") or name.startswith("tracer-")):
        continue
    print("%o %s" % (stat.S_IMODE(os.lstat(entry).st_mode), entry))
    for f in sorted(os.listdir(entry)):
        if f in ("child.conf", "events.fifo", "sitecustomize.py"):
            p = os.path.join(entry, f)
            print("%o %s" % (stat.S_IMODE(os.lstat(p).st_mode), p))
