"""Checks threadline's tracer (assets/python/sitecustomize.py) on real programs.

Runs each program of the corpus (tests/python/tracer/*.py) under the tracer
exactly as threadline does it: the tracer written to a private directory put
first on PYTHONPATH, THREADLINE_FD naming the write end of a pipe,
THREADLINE_T0 the CLOCK_MONOTONIC start, and for processes started by exec
the FIFO `events.fifo` and `child.conf` beside the tracer. It reads both,
parses protocol 2 (docs/tracer-protocol.md) and asserts what each program
must show.

    python tracer_check.py [--python PY] [--dump PROGRAM] [NAMES...]

Prints one line per program and ends with `N passed, N failed`; exits 1 when
any failed. Runs with any CPython 3.8+ (it is run by the interpreter under
test, but only needs the standard library).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TRACER = os.path.join(ROOT, "assets", "python", "sitecustomize.py")
CORPUS = os.path.join(HERE, "tracer")


class Rec:
    """One record: kind, pid of the process it came from, fields."""

    __slots__ = ("k", "pid", "f", "at")

    def __init__(self, k, pid, f):
        self.k = k
        self.pid = pid
        self.f = f
        self.at = None

    def __repr__(self):
        return "%s@%s %s" % (self.k, self.pid, " ".join(map(str, self.f)))


def split_fields(line):
    """Space-separated words; a word starting with '"' is a JSON string."""
    out = []
    i = 0
    n = len(line)
    while i < n:
        if line[i] == " ":
            i += 1
            continue
        if line[i] == '"':
            j = i + 1
            while True:
                c = line[j]
                if c == "\\":
                    j += 2
                    continue
                if c == '"':
                    break
                j += 1
            out.append(json.loads(line[i:j + 1]))
            i = j + 1
        else:
            j = line.find(" ", i)
            if j < 0:
                j = n
            out.append(line[i:j])
            i = j
    return out


# Fields of each record after its kind (docs/tracer-protocol.md).
TIMED = set("VNnSRWUEOMXTHZ")


class Stream:
    """Records of one run, decoded batch by batch (every write starts with P)."""

    def __init__(self):
        self.recs = []
        self.writes = 0
        self.bad = []
        self.sizes = []

    def feed_write(self, data):
        self.writes += 1
        self.sizes.append(len(data))


def parse(data, into):
    """Parse a byte stream of batches; check the framing."""
    pid = None
    for raw in data.split(b"\n"):
        if not raw:
            continue
        try:
            line = raw.decode("ascii")
        except UnicodeDecodeError:
            into.bad.append(raw)
            continue
        k = line[0]
        if k == "P":
            pid = int(line[2:])
            continue
        if pid is None:
            into.bad.append(raw)
            continue
        try:
            f = split_fields(line[2:])
        except Exception:
            into.bad.append(raw)
            continue
        r = Rec(k, pid, f)
        if k in TIMED:
            r.at = int(f[0]) if k != "V" else int(f[3])
        into.recs.append(r)


def reader(fd, chunks, sizes):
    while True:
        try:
            b = os.read(fd, 65536)
        except OSError:
            break
        if not b:
            break
        chunks.append(b)
        sizes.append(len(b))


class Run:
    def __init__(self, python, prog, args=(), stderr_direct=False, stdin=None, timeout=20, user_site=None):
        self.dir = tempfile.mkdtemp(prefix="threadline-check-")
        shutil.copy(TRACER, os.path.join(self.dir, "sitecustomize.py"))
        fifo = os.path.join(self.dir, "events.fifo")
        os.mkfifo(fifo)
        t0 = time.monotonic_ns()
        with open(os.path.join(self.dir, "child.conf"), "w") as c:
            c.write("%d %s\n" % (t0, "direct" if stderr_direct else "-"))
        r, w = os.pipe()
        # The FIFO: read end non-blocking open, and a writer of ours so it
        # never reports end of file while children come and go.
        fr = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        fw = os.open(fifo, os.O_WRONLY)
        os.set_blocking(fr, True)
        env = dict(os.environ)
        path = [self.dir] + ([user_site] if user_site else [])
        env["PYTHONPATH"] = os.pathsep.join(path)
        env["THREADLINE_FD"] = str(w)
        env["THREADLINE_T0"] = str(t0)
        if stderr_direct:
            env["THREADLINE_STDERR"] = "direct"
        cmd = [python, prog] + list(args)
        self.t0 = t0
        chunks, fchunks, self.sizes, fsizes = [], [], [], []
        rt = threading.Thread(target=reader, args=(r, chunks, self.sizes))
        ft = threading.Thread(target=reader, args=(fr, fchunks, fsizes))
        rt.start()
        ft.start()
        began = time.monotonic()
        p = subprocess.Popen(cmd, env=env, pass_fds=(w,), stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=os.path.dirname(prog))
        os.close(w)
        try:
            self.out, self.err = p.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            self.out, self.err = p.communicate()
        self.code = p.returncode
        self.wall = time.monotonic() - began
        rt.join()
        # Children may still be writing to the FIFO; they have exited once
        # the parent has (multiprocessing joins them), so a short wait will do.
        time.sleep(0.1)
        os.close(fw)
        ft.join(5)
        os.close(r)
        os.close(fr)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.pipe_bytes = b"".join(chunks)
        self.fifo_bytes = b"".join(fchunks)
        self.s = Stream()
        parse(self.pipe_bytes, self.s)
        parse(self.fifo_bytes, self.s)
        self.recs = self.s.recs
        self.root = next((int(r.f[1]) for r in self.recs if r.k == "V" and r.f[5] == "root"), None)
        self.files = {}
        for rec in self.recs:
            if rec.k == "F":
                self.files[(rec.pid, rec.f[0])] = rec.f[1]

    # -- helpers -------------------------------------------------------------
    def of(self, k, pid=None):
        pid = self.root if pid is None else pid
        return [r for r in self.recs if r.k == k and r.pid == pid]

    def site(self, pid, s):
        if s == "-":
            return None
        fid, line = s.split(":")
        return "%s:%s" % (os.path.basename(self.files[(pid, fid)]), line)

    def tid(self, name, pid=None):
        for r in self.of("N", pid):
            if r.f[5] == name:
                return r.f[1]
        for r in self.of("n", pid):
            if r.f[2] == name:
                return r.f[1]
        raise AssertionError("no thread named %r in %s" % (name, [r.f[5] for r in self.of("N", pid)]))

    def waits(self, tid=None, pid=None):
        """[(kind, obj, holder, site, begin, end)] per finished wait of tid."""
        pid = self.root if pid is None else pid
        open_ = {}
        out = []
        holders = {}
        for r in self.recs:
            if r.pid != pid:
                continue
            if r.k == "W":
                open_.setdefault(r.f[1], []).append(r)
            elif r.k == "H":
                holders[r.f[1]] = r.f[2]
            elif r.k == "U" and open_.get(r.f[1]):
                w = open_[r.f[1]].pop()
                h = w.f[4] if w.f[4] != "-" else holders.pop(w.f[1], "-")
                out.append((w.f[2], w.f[3], h, self.site(pid, w.f[5]), int(w.f[0]), int(r.f[0]), w.f[1]))
        for t, ws in open_.items():
            for w in ws:
                h = w.f[4] if w.f[4] != "-" else holders.get(w.f[1], "-")
                out.append((w.f[2], w.f[3], h, self.site(pid, w.f[5]), int(w.f[0]), None, w.f[1]))
        if tid is not None:
            out = [w for w in out if w[6] == tid]
        return out

    def obj(self, oid, pid=None):
        for r in self.of("O", pid):
            if r.f[1] == oid:
                site = self.site(r.pid, r.f[3])
                return (r.f[2], r.f[4] if r.f[4] != "-" else None, site)
        return None

    def text(self, pid=None, stream=1):
        """Each thread's output lines, joined from pieces."""
        lines = []
        buf = {}
        for r in self.of("T", pid):
            if int(r.f[2]) != stream:
                continue
            key = r.f[1]
            buf[key] = buf.get(key, "") + r.f[4]
            if r.f[3] == "0":
                lines.append((key, buf.pop(key)))
        for key, v in buf.items():
            lines.append((key, v))
        return lines

    def marks(self, pid=None):
        """Time of each `mark NAME` line the program printed."""
        out = {}
        for r in self.of("T", pid):
            if r.f[4].startswith("mark "):
                out[r.f[4][5:]] = int(r.f[0])
        return out

    def dump(self):
        for r in self.recs:
            print(r)
        print("exit", self.code, "writes", len(self.sizes), "max", max(self.sizes or [0]))
        print("stdout", self.out[-2000:])
        print("stderr", self.err.decode(errors="replace")[-3000:])


def check(cond, what):
    if not cond:
        raise AssertionError(what)


MS = 1_000_000


def wait_of(run, tid, kind):
    ws = [w for w in run.waits(tid) if w[0] == kind]
    check(ws, "no %s wait for thread %s: %s" % (kind, tid, run.waits(tid)))
    return ws


def covers(w, begin, end, slack=40 * MS):
    """The wait w covers the blocked interval: it begins after the program's
    mark just before the call and before the mark of its release, and ends
    no earlier than that release (give or take). A loaded machine may
    deschedule a thread between the mark and the call, so its start is only
    bounded, not pinned."""
    return begin - slack <= w[4] <= end and (w[5] is None or w[5] >= end - slack)


def common(run):
    """What every run must satisfy: framing, sizes, hello, no tracer noise."""
    check(not run.s.bad, "bad lines: %r" % run.s.bad[:3])
    check(b"threadline: tracer" not in run.err, "tracer failed: %s" % run.err.decode(errors="replace"))
    check(b"sitecustomize" not in run.err, "tracer frame in stderr: %s" % run.err.decode(errors="replace"))
    hello = run.of("V")
    check(len(hello) == 1 and hello[0].f[0] == "2", "one hello: %s" % hello)
    v = hello[0].f
    check(v[6] == "%d.%d.%d" % sys.version_info[:3] or v[6].startswith("3."), v)
    for chunk in split_writes(run.pipe_bytes):
        check(len(chunk) <= 4096, "a write over 4096 bytes")
    for r in run.recs:
        check(r.k in "PVFNnSRWUEOMXCTHGZd", "unknown record %r" % r)
    # A G (a wait for good) is for a wait open at that site that has lasted
    # 100 ms, never for a sleep or a Timer's interval (they have a timeout).
    for g in run.recs:
        if g.k != "G":
            continue
        t, tid, site = int(g.f[0]), g.f[1], g.f[2]
        pid = g.pid
        open_at = [w for w in run.waits(tid, pid)
                   if w[3] == run.site(pid, site) and w[4] <= t and (w[5] is None or w[5] >= t)]
        check(open_at, "G for no open wait: %r in %s" % (g, run.waits(tid, pid)))
        w = open_at[-1]
        check(t - w[4] >= 90 * MS, "G after %d ns only: %r" % (t - w[4], g))
        check(w[0] not in ("sleep", "timer"), "G for a wait with a timeout: %r %r" % (g, w))


def split_writes(data):
    # Writes cannot be told apart after the fact; every batch starts with a
    # P line, so the bytes between two P lines are at most one write.
    parts = data.split(b"\nP ")
    for k, p in enumerate(parts):
        yield (b"P " if k else b"") + p + b"\n"


# -- per program -------------------------------------------------------------
def lock_wait(run, how, kind, name, site, held_by=True):
    """The one wait of `how waiter` for the lock `name` (a `kind`) that
    `how holder` holds, its call at `site`: the wait. `held_by`: the holder
    is named (a Lock taken by `acquire()`, not `with`, has none to find)."""
    w = wait_of(run, run.tid(how + " waiter"), "lock")
    check(len(w) == 1, w)
    _, oid, holder, at, _, _, _ = w[0]
    check(run.obj(oid)[0:2] == (kind, name), run.obj(oid))
    check(holder == (run.tid(how + " holder") if held_by else "-"), "holder %s" % holder)
    check(at == site, at)
    return w[0]


def t_locks(run):
    m = run.marks()
    w = lock_wait(run, "with", "Lock", "vault", "locks.py:23")
    check(run.obj(w[1])[2] == "locks.py:7", run.obj(w[1]))
    check(covers(w, m["with blocked"], m["with released"]), (w, m))
    lag = (w[4] - m["with blocked"]) / MS
    run.notes.append("lock wait seen %.1f ms after it began, ended %.1f ms after release"
                     % (lag, (w[5] - m["with released"]) / MS))
    w = lock_wait(run, "acquire", "Lock", "vault", "locks.py:37", held_by=False)
    check(covers(w, m["acquire blocked"], m["acquire released"]), (w, m))
    lock_wait(run, "rlock", "RLock", "door", "locks.py:48")
    # the uncontended acquires of the loop, and the RLock re-entered by its
    # holder, report nothing
    kinds = {x[0] for x in run.waits()}
    check(kinds <= {"lock", "join", "sleep", "thread_start"}, run.waits())
    check(len(wait_of(run, run.tid("rlock holder"), "sleep")) == 1, run.waits(run.tid("rlock holder")))


def t_uncontended(run):
    check(not [w for w in run.waits() if w[0] == "lock"], run.waits())
    check(not run.of("O"), "no object reported: %s" % run.of("O"))


def t_raw_lock(run):
    w = wait_of(run, run.tid("_thread waiter"), "lock")
    kind, oid, holder, site, b, e, _ = w[0]
    check(run.obj(oid)[0:2] == ("Lock", "raw"), run.obj(oid))
    check(site == "raw_lock.py:9", site)


def t_deadlock(run):
    a, b = run.tid("a"), run.tid("b")
    wa = wait_of(run, a, "lock")[0]
    wb = wait_of(run, b, "lock")[0]
    check(wa[2] == b and wb[2] == a, "holders %s %s" % (wa, wb))
    check(run.obj(wa[1])[1] == "second" and run.obj(wb[1])[1] == "first", (run.obj(wa[1]), run.obj(wb[1])))
    m = run.marks()
    # the cycle closes when the later of the two, 50 ms after its mark,
    # reaches for the other lock
    closed = max(m["a has first"], m["b has second"]) + 50 * MS
    found = max(wa[4], wb[4])
    # W records carry the first sighting; they are written on the second.
    # W carries the first sighting; it is written on the second, 10 ms on
    run.notes.append("deadlock: both waits known %.1f ms after the cycle closed" % ((found - closed) / MS + 10))
    check(found - closed < 500 * MS, "found late")


def t_condition(run):
    m = run.marks()
    w = wait_of(run, run.tid("consumer"), "condition")[0]
    check(run.obj(w[1])[0:3] == ("Condition", "ready", "condition.py:4"), run.obj(w[1]))
    check(w[3] == "condition.py:11", w)
    check(covers(w, m["waiting"], m["notified"]), (w, m))
    w2 = wait_of(run, run.tid("consumer"), "condition")
    check(len(w2) == 2, "wait_for too: %s" % w2)
    # `with cv:` while the producer holds it: a lock wait on the Condition
    lw = wait_of(run, run.tid("late"), "lock")[0]
    check(run.obj(lw[1])[1] == "ready", run.obj(lw[1]))
    check(lw[2] == run.tid("producer"), lw)


def t_event(run):
    m = run.marks()
    w = wait_of(run, run.tid("w"), "event")[0]
    check(run.obj(w[1]) == ("Event", "go", "event.py:4"), run.obj(w[1]))
    check(w[3] == "event.py:9", w)
    check(covers(w, m["waiting"], m["set"]), (w, m))


def t_semaphore(run):
    ws = [w for t in ("s0", "s1", "s2") for w in run.waits(run.tid(t)) if w[0] == "semaphore"]
    check(len(ws) >= 1, run.waits())
    o = run.obj(ws[0][1])
    check(o[0] == "BoundedSemaphore" and o[1] == "pool" and o[2] == "semaphore.py:4", o)
    check(ws[0][3] == "semaphore.py:8", ws)


def t_mp_locks(run):
    # multiprocessing's SemLocks: a blocked acquire is a wait on the lock or
    # semaphore (by its name and line), an mp.Event's on the event, in a
    # thread and in a forked child; an acquire that only tries is none.
    check([w for w in run.waits("0") if w[0] == "lock"] == [], run.waits("0"))
    ws = wait_of(run, run.tid("sem"), "semaphore")
    check(run.obj(ws[0][1]) == ("Semaphore", "sem", "mp_locks.py:6"), run.obj(ws[0][1]))
    ws = wait_of(run, run.tid("ev"), "event")
    check(run.obj(ws[0][1]) == ("Event", "ev", "mp_locks.py:7"), run.obj(ws[0][1]))
    kids = [r.pid for r in run.recs if r.k == "V" and r.pid != run.root]
    check(len(kids) == 1, kids)
    ws = [w for w in run.waits("0", kids[0]) if w[0] == "lock"]
    check(len(ws) == 1 and ws[0][3] == "mp_locks.py:16", ws)
    check(run.obj(ws[0][1], kids[0]) == ("Lock", "lk", "mp_locks.py:5"), run.obj(ws[0][1], kids[0]))


def t_barrier(run):
    ws = [wait_of(run, run.tid("b%d" % i), "barrier")[0] for i in range(2)]
    check(run.obj(ws[0][1]) == ("Barrier", "line", "barrier.py:4"), run.obj(ws[0][1]))
    check(ws[0][3] == "barrier.py:9", ws)


def t_queue(run):
    g = [w for w in wait_of(run, run.tid("consumer"), "queue_get") if w[3] == "queue_kinds.py:15"]
    check(g and run.obj(g[0][1]) == ("Queue", "jobs", "queue_kinds.py:5"), g and run.obj(g[0][1]))
    check(g[0][5] - g[0][4] > 50 * MS, g)
    p = wait_of(run, 0, "queue_put") if False else [w for w in run.waits("0") if w[0] == "queue_put"]
    check(p and run.obj(p[0][1])[0:2] == ("Queue", "jobs"), run.waits("0"))
    kinds = {run.obj(w[1])[0] for w in run.waits() if w[0] == "queue_get"}
    check({"Queue", "LifoQueue", "PriorityQueue", "SimpleQueue"} <= kinds, kinds)
    sq = [w for w in run.waits() if w[0] == "queue_get" and run.obj(w[1])[0] == "SimpleQueue"][0]
    check(run.obj(sq[1])[1] == "simple", run.obj(sq[1]))
    check(sq[3] == "queue_kinds.py:21", sq)


def t_inline(run):
    # The main thread's lock wait, seen by the monitor (it once skipped main).
    w = wait_of(run, "0", "lock")
    check(run.obj(w[0][1]) == ("Lock", "box.lock", "inline_attrs.py:13"), run.obj(w[0][1]))
    check(w[0][2] == run.tid("worker") and w[0][3] == "inline_attrs.py:34", w)
    sleep = wait_of(run, run.tid("worker"), "sleep")[0]
    check(covers(w[0], sleep[4], sleep[5]), (w, sleep))
    g = wait_of(run, "0", "queue_get")
    check(run.obj(g[0][1])[0:2] == ("Queue", "jobs") and g[0][3] == "inline_attrs.py:36", g)
    c = wait_of(run, "0", "condition")
    check(run.obj(c[0][1])[0:2] == ("Condition", "ready"), c)
    # (and its output, "kept inline" for each, is what it prints untraced)


def t_join(run):
    w = wait_of(run, "0", "join")
    check(w[0][2] == run.tid("worker"), w)
    check(w[0][3] == "join.py:11", w)
    # joining a finished thread does not wait
    check(len(w) == 1, w)
    # joining main waits for main, until its code is over
    m = wait_of(run, run.tid("watcher"), "join")
    check(m[0][2] == "0" and m[0][3] == "join.py:16", m)


def t_timer(run):
    w = wait_of(run, run.tid("timer"), "timer")
    check(w[0][5] - w[0][4] >= 80 * MS, w)


def t_nonblocking(run):
    # Every wait given a timeout of 0 or less (lines 14-30, and each
    # submit's try of the pool's idle semaphore at 34) returns at once.
    sites = [w[3] for w in run.waits("0")]
    at_once = [s for s in sites if s.startswith("nonblocking.py:") and int(s.split(":")[1]) in set(range(14, 31)) | {34}]
    check(not at_once, "waits that return at once reported: %s" % sites)
    real = [w for w in run.waits("0") if w[3] == "nonblocking.py:37"]
    check(len(real) == 1 and real[0][0] == "event" and real[0][5] - real[0][4] >= 40 * MS, sites)


def t_fork_thread(run):
    out = "\n".join(t for _, t in run.text())
    check("[10, 11, 12]" in out, "each forked child left with its own code, none hung: %r" % out)


def t_misused(run):
    n = [r for r in run.of("N") if r.f[5] == "after"]
    check(len(n) == 1, "the thread started after the misuse is traced: %s" % run.of("N"))


def t_fork_alone(run):
    check(run.err == b"" and traced_text(run, 2) == "", "no warning: %r" % run.err)


def t_futures(run):
    kinds = [w[0] for w in run.waits("0")]
    check("future" in kinds and "futures_wait" in kinds, kinds)
    f = [w for w in run.waits("0") if w[0] == "future"][0]
    check(run.obj(f[1]) == ("Future", "f", "futures.py:11"), run.obj(f[1]))
    check(f[3] == "futures.py:12", f)
    sites = {w[3] for w in run.waits("0") if w[0] in ("future", "futures_wait")}
    check({"futures.py:12", "futures.py:14", "futures.py:16", "futures.py:17"} <= sites, sites)


def t_sleep(run):
    w = wait_of(run, "0", "sleep")
    check(w[0][3] == "sleep_names.py:8", w)
    out = "\n".join(t for _, t in run.text())
    check("Thread-1 (sleep)" in out or sys.version_info < (3, 10), out)
    check("<built-in function sleep>" in out and "name sleep" in out, out)
    check("lock type ok" in out and "isinstance ok" in out, out)
    check("no sitecustomize" in out, out)


def t_exc_thread(run):
    e = [r for r in run.of("E") if r.f[1] == run.tid("boomer")][0]
    check(e.f[2] == "exc" and e.f[4] == "ValueError" and e.f[5] == "boom 7", e)
    check(run.site(run.root, e.f[3]) == "exc_thread.py:5", e)
    err = "\n".join(t for _, t in run.text(stream=2))
    check("ValueError: boom 7" in err and "Exception in thread boomer" in err, err)
    check("sitecustomize" not in err, err)
    q = [r for r in run.of("E") if r.f[1] == run.tid("quiet")][0]
    check(q.f[2] == "exit", q)


def t_exit3(run):
    check(run.code == 3, run.code)
    m = run.of("M")
    check(len(m) == 1 and m[0].f[1] == "ok", m)


def t_fails_main(run):
    check(run.code == 1, run.code)
    m = run.of("M")
    check(m[0].f[1] == "exc" and m[0].f[3] == "KeyError" and run.site(run.root, m[0].f[2]) == "fails_main.py:6", m)


def t_os_exit(run):
    check(run.code == 7, run.code)
    x = run.of("X")
    check(len(x) == 1 and run.site(run.root, x[0].f[2]) == "os_exit7.py:10", x)
    texts = [t for _, t in run.text()]
    check("before exit" in texts and "partial" in texts, texts)


def t_pipe_read(run):
    # A blocking read is the sampler's; the tracer gives the native id.
    r = [x for x in run.of("R") if x.f[1] == run.tid("reader")]
    check(r and int(r[0].f[2]) > 0, r)
    check("got b'hello'" in [t for _, t in run.text()], run.text())


def t_input(run):
    texts = run.of("T")
    prompt = [r for r in texts if r.f[4] == "name? " and r.f[3] == "1"]
    check(prompt, "the prompt comes as a partial piece: %s" % texts)
    check("name? hello ada" in [t for _, t in run.text()], run.text())


def t_cpu(run):
    check(len(run.of("R")) == 3, run.of("R"))
    natives = {x.f[2] for x in run.of("R")}
    check(len(natives) == 3, natives)


def t_partial(run):
    lines = [t for _, t in run.text()]
    check(lines[0] == " ".join(str(i) for i in range(3000)) + " ", "long line kept whole")
    check(lines[1] == "done", lines[1:3])


def t_mp(run):
    pids = {r.pid for r in run.recs}
    check(len(pids) >= 3, "parent and two children: %s" % pids)
    kids = [r for r in run.recs if r.k == "V" and r.pid != run.root]
    hows = {r.f[5] for r in kids}
    check({"fork", "exec"} <= hows, hows)
    # the spawned child was started by the program (a resource tracker may
    # outlive it and report another parent)
    check(any(int(k.f[2]) == run.root for k in kids if k.f[5] == "exec"), kids)
    child_lines = [t for r in kids for _, t in run.text(r.pid)]
    for how in ("fork", "spawn", "forkserver"):
        check("child %s says hi" % how in child_lines, child_lines)
    # each child's own thread is traced in its process
    for k in kids:
        if any(t == "child %s says hi" % h for _, t in run.text(k.pid) for h in ("fork", "spawn", "forkserver")):
            check(any(r.f[5] == "child thread" for r in run.of("N", k.pid)), run.of("N", k.pid))
    pj = [w for w in run.waits("0") if w[0] == "process_join"]
    check(len(pj) >= 3, run.waits("0"))
    check(run.obj(pj[0][1])[0].endswith("Process"), run.obj(pj[0][1]))
    check(run.code == 0, run.err)
    # The parent says how each child ended when it reaps it (C pid code):
    # the same codes the program printed, a signal's as -N.
    printed = [t.split()[-1] for _, t in run.text(run.root) if " exit code " in t]
    reaped = [r.f[2] for r in run.of("C", run.root)]
    check(printed == ["0", "0", "0", "1", "-15"], printed)
    check(reaped == printed, (reaped, printed))
    # A forked child's os._exit says its code: the failing one's is 1.
    exits = {r.pid: r.f[3] for r in run.recs if r.k == "X"}
    pids = [int(r.f[1]) for r in run.of("C", run.root)]
    check(exits.get(pids[3]) == "1", (exits, pids))
    check(exits.get(pids[0]) == "0", (exits, pids))


def t_ctrl_c(run):
    # Ctrl-C in a sleep and in a join: the program's own tracebacks (the
    # same bytes as untraced: checked with SAME_OUTPUT), and both waits end.
    err = "\n".join(t for _, t in run.text(stream=2))
    check(err.count("KeyboardInterrupt") == 2, err)
    w = run.waits("0")
    check([x[0] for x in w if x[0] in ("sleep", "join")] == ["sleep", "join"], w)
    check(w[0][5] is not None and w[0][5] - w[0][4] < 250 * MS, w)


def t_interrupt_main(run):
    # `_thread.interrupt_main()` while main sleeps and waits: the signal is
    # only handled as the call returns, in the tracer's code; the program
    # still gets its KeyboardInterrupt (SAME_OUTPUT), nothing is "ignored",
    # and both waits end.
    err = "\n".join(t for _, t in run.text(stream=2))
    check(err == "", err)
    w = [x for x in run.waits("0") if x[0] in ("sleep", "event")]
    check([x[0] for x in w] == ["sleep", "event"], run.waits("0"))
    check(all(x[5] is not None for x in w), w)


def t_fork_kept(run):
    kids = [r.pid for r in run.recs if r.k == "V" and r.pid != run.root]
    check(len(kids) == 1, kids)
    for pid, n in ((run.root, 2), (kids[0], 1)):
        ws = [w for w in run.waits("0", pid) if w[0] == "queue_get"]
        check(len(ws) == n, (pid, ws))
        for w in ws:
            check(w[3] == "fork_kept.py:12", (pid, w))
            check(run.obj(w[1], pid) == ("Queue", "q", "fork_kept.py:7"), (pid, w, run.obj(w[1], pid)))


def t_mid_line(run):
    lines = [t for _, t in run.text()]
    check(lines == ["first second"], lines)


def t_pool(run):
    names = [r.f[5] for r in run.of("N")]
    check(any(n.startswith("pool") for n in names), names)


PROGRAMS = {
    "locks": t_locks,
    "uncontended": t_uncontended,
    "raw_lock": t_raw_lock,
    "deadlock": t_deadlock,
    "condition": t_condition,
    "event": t_event,
    "semaphore": t_semaphore,
    "barrier": t_barrier,
    "queue_kinds": t_queue,
    "inline_attrs": t_inline,
    "join": t_join,
    "timer": t_timer,
    "futures": t_futures,
    "nonblocking": t_nonblocking,
    "fork_thread": t_fork_thread,
    "misused": t_misused,
    "fork_alone": t_fork_alone,
    "sleep_names": t_sleep,
    "exc_thread": t_exc_thread,
    "exit3": t_exit3,
    "fails_main": t_fails_main,
    "os_exit7": t_os_exit,
    "pipe_read": t_pipe_read,
    "input_prompt": t_input,
    "cpu_pair": t_cpu,
    "partial_many": t_partial,
    "mp_fork_spawn": t_mp,
    "fork_kept": t_fork_kept,
    "mid_line": t_mid_line,
    "ctrl_c": t_ctrl_c,
    "interrupt_main": t_interrupt_main,
    "mp_locks": t_mp_locks,
}
STDIN = {"input_prompt": b"ada\n"}


# Programs whose output does not depend on thread timing: traced, their
# text (the tracer's T records, joined) and exit code must be exactly what
# they print untraced.
SAME_OUTPUT = {"exit3", "fails_main", "exc_thread", "partial_many", "input_prompt",
               "os_exit7", "sleep_names", "join", "timer", "futures", "semaphore", "ctrl_c", "nonblocking", "misused", "fork_alone",
               "mid_line", "inline_attrs", "interrupt_main", "mp_locks"}


def traced_text(run, stream):
    out = []
    for r in run.of("T"):
        if int(r.f[2]) == stream:
            out.append(r.f[4] + ("" if r.f[3] == "1" else "\n"))
    return "".join(out)


def check_same_output(python, name, run):
    p = same_output(python, name)
    check(p.returncode == run.code, "exit code %s untraced, %s traced" % (p.returncode, run.code))
    for stream, want in ((1, p.stdout), (2, p.stderr)):
        got = traced_text(run, stream).encode()
        if stream == 1:
            got += run.out  # raw writes that bypassed sys.stdout
        else:
            got += run.err
        check(got == want, "stream %d differs:\nuntraced %r\ntraced   %r" % (stream, want[-300:], got[-300:]))


def run_one(python, name):
    prog = os.path.join(CORPUS, name + ".py")
    run = Run(python, prog, stdin=STDIN.get(name))
    run.notes = []
    common(run)
    PROGRAMS[name](run)
    if name in SAME_OUTPUT:
        check_same_output(python, name, run)
    return run


def same_output(python, name):
    """Side effects: the same stdout/stderr bytes and exit code untraced."""
    prog = os.path.join(CORPUS, name + ".py")
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    p = subprocess.run([python, prog], input=STDIN.get(name), capture_output=True, env=env,
                       cwd=os.path.dirname(prog), timeout=20)
    return p


def main(argv):
    python = sys.executable
    names = []
    dump = None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--python":
            python = argv[i + 1]
            i += 2
            continue
        if a == "--dump":
            dump = argv[i + 1]
            i += 2
            continue
        names.append(a)
        i += 1
    if dump:
        run = Run(python, os.path.join(CORPUS, dump + ".py"), stdin=STDIN.get(dump))
        run.dump()
        return 0
    passed = failed = 0
    for name in names or sorted(PROGRAMS):
        try:
            run = run_one(python, name)
            print("ok   %-14s %s" % (name, "; ".join(run.notes)))
            passed += 1
        except Exception as error:
            import traceback

            print("FAIL %-14s %s" % (name, error))
            traceback.print_exc(limit=2)
            failed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
