import sys
import threading

threading.Thread(target=print, args=("worker",)).start()
sys.exit(3)
