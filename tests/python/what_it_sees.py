# What a program sees of its own threads is what it would see untraced:
# sys._current_frames() has one frame per thread of its (the tracer's
# monitor is not one), and a very long name is the program's own.
import sys
import threading

ev = threading.Event()
t = threading.Thread(target=ev.wait, name="x" * 1000)
t.start()
print("frames match", len(sys._current_frames()) == threading.active_count())
ev.set()
t.join()
