#!/usr/bin/env python3
"""Measure what CPython really does: the facts docs/semantics.md states.

    python3 scripts/measure-cpython.py [SECTION ...] [--versions 3.8,3.11]

Sections: race sleep daemon-lines cores start-wait lifetime deadlock ctrl-c
seed-times tearing exits (default: all). Every interpreter found as
~/.pyenv/versions/3.*/bin/python (3.8 and later) is measured, one run at a
time; the twins in assets/python/ are the programs (the seed's three in
today's spelling derived from seed/, see `today`). Run it on an idle
machine: several sections time things.
"""

import glob
import os
import pty
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TWINS = os.path.join(ROOT, "assets", "python")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def interpreters(wanted):
    found = []
    for path in glob.glob(os.path.expanduser("~/.pyenv/versions/3.*/bin/python")):
        m = re.search(r"/3\.(\d+)\.(\d+)/bin/python$", path)
        if m and int(m.group(1)) >= 8:
            found.append(((3, int(m.group(1)), int(m.group(2))), path))
    found.sort()
    if wanted:
        found = [f for f in found if "%d.%d" % f[0][:2] in wanted]
    return [("%d.%d.%d" % v, p) for v, p in found]


def run(py, args, timeout=120, **kw):
    return subprocess.run([py, *args], capture_output=True, text=True, errors="replace",
                          env=ENV, timeout=timeout, **kw)


def twin(name):
    return os.path.join(TWINS, name)


# The seed's three programs (basic.py, daemon.py, join.py) have one copy,
# seed/NAME as the post spells them. Today's spelling is that file with
# POST_SPELLING replaced by TODAYS_SPELLING, nothing else changed: it holds
# every name of threading deprecated in 3.10 that they use (currentThread,
# getName). tests/common/today.rs derives them the same way.
POST_SPELLING = "threading.currentThread().getName()"
TODAYS_SPELLING = "threading.current_thread().name"
TODAY = tempfile.TemporaryDirectory(prefix="threadline-today-")


def today(name):
    """The seed's program `name` in today's spelling, written as `name` in a
    temporary folder (removed at exit): its path."""
    path = os.path.join(TODAY.name, name)
    if not os.path.exists(path):
        with open(twin(os.path.join("seed", name))) as f:
            text = f.read()
        assert POST_SPELLING in text, name
        with open(path, "w") as f:
            f.write(text.replace(POST_SPELLING, TODAYS_SPELLING))
    return path


def ms(seconds):
    return "%.1f ms" % (seconds * 1000)


# -- (a) lost updates ---------------------------------------------------------
def race(py):
    for n, runs in ((10_000, 40), (1_000_000, 8)):
        values = {"counter": [], "called": [], "safe": []}
        for _ in range(runs):
            out = run(py, [twin("race.py"), str(n)]).stdout
            for name, value in re.findall(r"^(\w+) = (\d+)$", out, re.M):
                values[name].append(int(value))
        parts = []
        for name, vs in values.items():
            lost = sum(v != 4 * n for v in vs)
            parts.append("%s lost in %d/%d (%s..%s)" % (name, lost, len(vs), min(vs), max(vs)))
        print("  N=%d: %s" % (n, "; ".join(parts)))


# -- (b) time.sleep never returns early ---------------------------------------
SLEEP_CODE = r"""
import statistics, time
for d, n in ((0.0001, 1000), (0.001, 500), (0.01, 100), (0.1, 20)):
    xs = []
    for _ in range(n):
        t = time.perf_counter()
        time.sleep(d)
        xs.append(time.perf_counter() - t - d)
    print("d=%g s n=%d: over by min %.0f us, median %.0f us, max %.0f us; early %d"
          % (d, n, min(xs) * 1e6, statistics.median(xs) * 1e6, max(xs) * 1e6,
             sum(x < 0 for x in xs)))
"""


def sleep(py):
    for line in run(py, ["-c", SLEEP_CODE]).stdout.splitlines():
        print("  " + line)


# -- (c) the seed's daemon program loses start lines --------------------------
def daemon_lines(py):
    for label, args in (("seed spelling", [twin("seed/daemon.py")]),
                        ("seed, -W ignore", ["-W", "ignore::DeprecationWarning",
                                             twin("seed/daemon.py")]),
                        ("modern spelling", [today("daemon.py")])):
        short, missing, ends = 0, Counter(), 0
        for _ in range(20):
            out = run(py, args + ["3"]).stdout
            gone = [i for i in range(5) if "sub thread start  thread %d" % i not in out]
            short += bool(gone)
            missing.update(gone)
            ends += out.count("sub thread end")
        who = ", ".join("thread %d x%d" % kv for kv in sorted(missing.items())) or "-"
        print("  %-16s runs missing a start line: %2d/20 (%s); end lines: %d"
              % (label, short, who, ends))


# -- (d) cores: processes share them, threads share the GIL --------------------
CORES_CODE = r"""
import multiprocessing, statistics, threading, time

def work(n):
    x = 0
    for i in range(n):
        x += i

def timed(f):
    t = time.perf_counter(); f(); return time.perf_counter() - t

def threads(target, args, k=4):
    ts = [threading.Thread(target=target, args=args) for _ in range(k)]
    for t in ts: t.start()
    for t in ts: t.join()

def procs(k, n):
    ps = [multiprocessing.Process(target=work, args=(n,)) for _ in range(k)]
    for p in ps: p.start()
    for p in ps: p.join()

if __name__ == "__main__":
    n = 100_000
    while timed(lambda: work(n)) < 0.25:
        n *= 2
    rows = {k: [] for k in ("1 thread", "4 threads", "1 process", "4 processes", "4 sleeps")}
    for _ in range(3):
        rows["1 thread"].append(timed(lambda: work(n)))
        rows["4 threads"].append(timed(lambda: threads(work, (n,))))
        rows["1 process"].append(timed(lambda: procs(1, n)))
        rows["4 processes"].append(timed(lambda: procs(4, n)))
        rows["4 sleeps"].append(timed(lambda: threads(time.sleep, (0.25,))))
    m = {k: statistics.median(v) for k, v in rows.items()}
    print("one thread's work %.2f s; 4 threads %.2fx; 4 processes %.2fx one process (%.2f s); "
          "4 threads sleeping 0.25 s: %.2f s"
          % (m["1 thread"], m["4 threads"] / m["1 thread"],
             m["4 processes"] / m["1 process"], m["1 process"], m["4 sleeps"]))
"""


def cores(py):
    path = "/tmp/threadline-cores.py"
    with open(path, "w") as f:
        f.write(CORES_CODE)
    print("  " + run(py, [path]).stdout.strip())


# -- (e) Thread.start() waits on the new thread's _started Event ---------------
START_CODE = r"""
import statistics, threading, time
waits, starts = [], []

class Timed(threading.Thread):
    def __init__(self, **kw):
        super().__init__(**kw)
        event, wait = self._started, self._started.wait
        def timed_wait(*a):
            t = time.perf_counter(); r = wait(*a)
            waits.append(time.perf_counter() - t); return r
        event.wait = timed_wait

def burn(stop):
    while not stop: pass

def measure(k):
    del waits[:], starts[:]
    for _ in range(k):
        t = Timed(target=lambda: None)
        s = time.perf_counter(); t.start(); starts.append(time.perf_counter() - s)
        t.join()
    return "start() median %.0f us (wait %.0f us of it), max %.0f us" % (
        statistics.median(starts) * 1e6, statistics.median(waits) * 1e6, max(starts) * 1e6)

print("idle: " + measure(200))
stop = []
busy = [threading.Thread(target=burn, args=(stop,)) for _ in range(4)]
for b in busy: b.start()
line = measure(30)
stop.append(1)
for b in busy: b.join()
print("4 CPU-bound threads running: " + line)
"""


def start_wait(py):
    for line in run(py, ["-c", START_CODE]).stdout.splitlines():
        print("  " + line)


# -- (f) how long the daemon program lives after main's code ends ---------------
def lifetime(py):
    for name, path, sleep in (("daemon.py", today("daemon.py"), "3"),
                              ("seed/daemon.py", twin("seed/daemon.py"), "3"),
                              ("basic.py", today("basic.py"), "0.3")):
        after = []
        for _ in range(20):
            p = subprocess.Popen([py, "-u", path, sleep],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 env=ENV, text=True)
            for line in p.stdout:
                if "main thread end" in line:  # -u: a line can tear
                    t = time.perf_counter()
                    break
            p.stdout.read()
            p.wait()
            after.append(time.perf_counter() - t)
        print("  %-15s after `main thread end`: median %s, max %s"
              % (name, ms(statistics.median(after)), ms(max(after))))


# -- (g) deadlocks hang; Ctrl-C ---------------------------------------------------
def deadlock(py):
    for name in ("deadlock.py", "philosophers.py"):
        p = subprocess.Popen([py, twin(name)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=ENV, text=True)
        try:
            out, _ = p.communicate(timeout=5)
            print("  %s ended by itself, code %s" % (name, p.returncode))
        except subprocess.TimeoutExpired:
            p.kill()
            out, _ = p.communicate()
            last = out.splitlines()[-1] if out else "(nothing)"
            print("  %s still running after 5 s (killed); %d lines, last %r"
                  % (name, len(out.splitlines()), last))


def interrupt(py, args, at):
    """Run, send SIGINT at each time of `at`, kill at 8 s; what happened."""
    t0 = time.perf_counter()
    p = subprocess.Popen([py, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=ENV, text=True)
    for t in at:
        time.sleep(max(0, t - (time.perf_counter() - t0)))
        if p.poll() is None:
            p.send_signal(signal.SIGINT)
    try:
        out, err = p.communicate(timeout=8 - (time.perf_counter() - t0))
        code = p.returncode
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        code = "hung (killed at 8 s)"
    elapsed = time.perf_counter() - t0
    errs = [l for l in err.splitlines() if "KeyboardInterrupt" in l or "ignored" in l]
    return code, elapsed, out, errs


def ctrl_c(py):
    code, elapsed, out, errs = interrupt(py, [today("basic.py"), "3"], [0.5])
    print("  basic, SIGINT at 0.5 s (main in _shutdown): code %s at %.2f s, %d end lines, "
          "stderr %s" % (code, elapsed, out.count("sub thread end"), errs))
    code, elapsed, out, errs = interrupt(py, [twin("deadlock.py")], [2.0])
    print("  deadlock, SIGINT at 2 s (main in join): code %s, stderr %s" % (code, errs))
    code, elapsed, out, errs = interrupt(py, [twin("deadlock.py")], [2.0, 3.0])
    print("  deadlock, SIGINT at 2 s and 3 s: code %s at %.2f s, stderr %s"
          % (code, elapsed, errs))


# -- the seed's programs at full length -----------------------------------------
def seed_times(py):
    jobs = []
    for name in ("basic.py", "daemon.py", "join.py"):
        for label, path in ((name, today(name)), ("seed/" + name, twin("seed/" + name))):
            def one(label=label, path=path):
                t = time.perf_counter()
                r = run(py, [path])
                jobs_out[label] = (time.perf_counter() - t, r)
            jobs.append(threading.Thread(target=one))
    jobs_out = {}
    for j in jobs:
        j.start()
    for j in jobs:
        j.join()
    for name, (wall, r) in jobs_out.items():
        ends = [l.split()[-1] for l in r.stdout.splitlines() if l.startswith("sub thread end")]
        warn = "DeprecationWarning" in r.stderr
        print("  %-15s %.2f s, code %d, end lines in order %s%s"
              % (name, wall, r.returncode, ",".join(ends) or "-",
                 ", DeprecationWarning" if warn else ""))


# -- output on a pipe tears ------------------------------------------------------
TEAR_CODE = r"""
import threading
def talk(i):
    for k in range(3000):
        print("thread", i, "line", k)
ts = [threading.Thread(target=talk, args=(i,)) for i in range(6)]
for t in ts: t.start()
for t in ts: t.join()
"""
GOOD = re.compile(r"^thread \d line \d+$")


def tearing(py):
    torn, unbuffered = [], []
    for _ in range(3):
        out = run(py, ["-c", TEAR_CODE]).stdout
        torn.append(sum(not GOOD.match(l) for l in out.splitlines()))
        out = run(py, ["-u", "-c", TEAR_CODE]).stdout
        unbuffered.append(sum(not GOOD.match(l) for l in out.splitlines()))
    master, slave = pty.openpty()
    p = subprocess.Popen([py, "-c", TEAR_CODE], stdout=slave, stderr=subprocess.DEVNULL, env=ENV)
    os.close(slave)
    data = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    p.wait()
    os.close(master)
    tty = sum(not GOOD.match(l) for l in data.decode(errors="replace").replace("\r", "").splitlines())
    print("  torn lines in 3 runs on a pipe: %s; with -u: %s; on a terminal: %d"
          % (torn, unbuffered, tty))


# -- exit codes and finally -------------------------------------------------------
EXIT_CASES = [
    ("sys.exit(3) in main", "import sys; sys.exit(3)"),
    ("os._exit(7) from a thread (atexit? finally?)",
     "import atexit, os, threading, time\n"
     "atexit.register(lambda: print('atexit ran'))\n"
     "def f():\n    time.sleep(0.1); os._exit(7)\n"
     "threading.Thread(target=f).start()\n"
     "try:\n    time.sleep(5)\nfinally:\n    print('finally ran')"),
    ("daemon thread's finally at exit",
     "import threading, time\n"
     "def f():\n    try:\n        time.sleep(5)\n    finally:\n        print('finally ran')\n"
     "threading.Thread(target=f, daemon=True).start(); time.sleep(0.1)"),
    ("a thread started in an atexit handler",
     "import atexit, threading\n"
     "atexit.register(lambda: threading.Thread(target=print, args=('thread ran',)).start())"),
    ("sys.getswitchinterval()", "import sys; print(sys.getswitchinterval())"),
]


def exits(py):
    for label, code in EXIT_CASES:
        r = run(py, ["-c", code], timeout=10)
        said = (r.stdout.strip().replace("\n", " / ") or "-")
        err = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
        print("  %-45s code %d, stdout %s %s" % (label, r.returncode, said, err[:70]))


SECTIONS = {
    "race": race, "sleep": sleep, "daemon-lines": daemon_lines, "cores": cores,
    "start-wait": start_wait, "lifetime": lifetime, "deadlock": deadlock,
    "ctrl-c": ctrl_c, "seed-times": seed_times, "tearing": tearing, "exits": exits,
}


def main():
    args = sys.argv[1:]
    wanted = []
    if "--versions" in args:
        i = args.index("--versions")
        wanted = args[i + 1].split(",")
        del args[i:i + 2]
    for name in args or list(SECTIONS):
        print("== " + name, flush=True)
        for version, py in interpreters(wanted):
            print(version, flush=True)
            SECTIONS[name](py)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
