# The only thread waits on an Event nobody sets.
import threading

threading.Event().wait()
