# Runs Python children whose output it captures, and one whose output goes
# where its own does.
import subprocess
import sys

r = subprocess.run(
    [sys.executable, "-c", "import sys; print('child out'); print('child err', file=sys.stderr)"],
    capture_output=True,
    text=True,
)
print("captured", repr(r.stdout), repr(r.stderr))
print("check_output", subprocess.check_output([sys.executable, "-c", "print(6 * 7)"]))
subprocess.run([sys.executable, "-c", "print('child to the terminal')"])
