# Starts a background child (in the same process group, sharing stdout)
# that writes argv[1] after argv[2] seconds, then exits at once, or (with
# argv[3] = "stay") sleeps long enough to be stopped first.
import subprocess
import sys
import time

path, delay = sys.argv[1], sys.argv[2]
subprocess.Popen(
    [
        sys.executable,
        "-c",
        "import sys, time; time.sleep(float(sys.argv[2])); open(sys.argv[1], 'w').write('alive')",
        path,
        delay,
    ],
    start_new_session=False,
)
print("started", flush=True)
if len(sys.argv) > 3 and sys.argv[3] == "stay":
    time.sleep(60)
