import time

print("sleeping")
time.sleep(0.3)
print("awake")
