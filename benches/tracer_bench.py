"""Tracer overhead: each workload run untraced and traced, interleaved
(A B A B ...), the median of the pair ratios; VizTracer's ratio beside it.

    python benches/tracer_bench.py [--python PY] [--pairs N] [--via standin|threadline]
                                   [--viztracer] [WORKLOAD...]

--via standin   the tracer exactly as threadline sets it up, with a stand-in
                reader (a thread of this script draining the pipe and FIFO);
--via threadline  the real path: target/release/threadline trace --plain -- PY script
--via sampler   A/B of the /proc sampler: the real path with THREADLINE_SAMPLE=0 (A)
                against the real path as it is (B)
--viztracer     also VizTracer's ratio (installed from PyPI into
                target/bench-viztracer/ on first use)
--watcher-cpu   instead: the CPU time threadline's /proc watcher thread ("trace-watch")
                used while tracing each workload, as a share of one core (median of N runs)
--tracers A.py,B.py  instead: untraced and each of these tracer files (with the stand-in
                reader) in turn, interleaved; each one's ratio to untraced (an A/B of two
                versions of assets/python/sitecustomize.py, e.g. one from `git show`)
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "benches", "tracer")
TRACER = os.path.join(ROOT, "assets", "python", "sitecustomize.py")
WORKLOADS = ["threads_lines", "start_join", "queue_items", "cpu4", "prints"]


def drain(fd):
    while os.read(fd, 1 << 16):
        pass


def standin(python, script, *args, stderr=subprocess.DEVNULL, tracer=None):
    """Run `python script args` under the tracer as threadline sets it up,
    a thread of this script draining its pipe; the wall time it took."""
    d = tempfile.mkdtemp(prefix="threadline-bench-")
    shutil.copy(tracer or TRACER, os.path.join(d, "sitecustomize.py"))
    fifo = os.path.join(d, "events.fifo")
    os.mkfifo(fifo)
    t0 = time.monotonic_ns()
    with open(os.path.join(d, "child.conf"), "w") as c:
        c.write("%d -\n" % t0)
    r, w = os.pipe()
    env = dict(os.environ, PYTHONPATH=d, THREADLINE_FD=str(w), THREADLINE_T0=str(t0))
    reader = threading.Thread(target=drain, args=(r,))
    reader.start()
    began = time.perf_counter()
    p = subprocess.Popen([python, script, *args], env=env, pass_fds=(w,),
                         stdout=subprocess.DEVNULL, stderr=stderr)
    os.close(w)
    p.wait()
    reader.join()
    took = time.perf_counter() - began
    os.close(r)
    shutil.rmtree(d, ignore_errors=True)
    return took


def timed(cmd, env=None):
    began = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - began


def untraced(python, script):
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return timed([python, script], env)


def via_threadline(python, script):
    return timed([os.path.join(ROOT, "target", "release", "threadline"), "trace", "--plain", "--",
                  python, script])


def via_threadline_unsampled(python, script):
    env = dict(os.environ, THREADLINE_SAMPLE="0")
    return timed([os.path.join(ROOT, "target", "release", "threadline"), "trace", "--plain", "--",
                  python, script], env)


def watcher_cpu(python, script):
    """The CPU time of threadline's trace-watch thread over the run's wall time."""
    began = time.perf_counter()
    p = subprocess.Popen([os.path.join(ROOT, "target", "release", "threadline"), "trace",
                          "--plain", "--", python, script],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    last = 0
    task_dir = "/proc/%d/task" % p.pid
    while p.poll() is None:
        try:
            for tid in os.listdir(task_dir):
                with open(os.path.join(task_dir, tid, "comm")) as c:
                    if c.read().strip() != "trace-watch":
                        continue
                with open(os.path.join(task_dir, tid, "schedstat")) as st:
                    last = max(last, int(st.read().split()[0]))
        except (OSError, ValueError):
            pass
        time.sleep(0.005)
    return last / 1e9 / (time.perf_counter() - began)


def viztracer_python(python):
    venv = os.path.join(ROOT, "target", "bench-viztracer")
    vpy = os.path.join(venv, "bin", "python")
    if not os.path.exists(os.path.join(venv, "bin", "viztracer")):
        subprocess.run([python, "-m", "venv", venv], check=True)
        subprocess.run([vpy, "-m", "pip", "install", "-q", "viztracer"], check=True)
    return vpy


def with_viztracer(vpy, script):
    out = os.path.join(tempfile.gettempdir(), "threadline-bench-viztracer.json")
    return timed([vpy, "-m", "viztracer", "--quiet", "-o", out, script])


def measure(a, b, pairs):
    ratios, ta, tb = [], [], []
    for _ in range(pairs):
        x = a()
        y = b()
        ta.append(x)
        tb.append(y)
        ratios.append(y / x)
    return statistics.median(ratios), statistics.median(ta), statistics.median(tb)


def main(argv):
    python = sys.executable
    pairs = 10
    via = "standin"
    viz = False
    names = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--python", "--pairs", "--via", "--tracers"):
            v = argv[i + 1]
            if a == "--python":
                python = v
            elif a == "--tracers":
                tracers = v.split(",")
                via = "tracers"
            elif a == "--pairs":
                pairs = int(v)
            else:
                via = v
            i += 2
            continue
        if a == "--viztracer":
            viz = True
        elif a == "--watcher-cpu":
            via = "watcher-cpu"
        else:
            names.append(a)
        i += 1
    if via == "tracers":
        print("python %s, %d rounds, untraced and each tracer in turn (stand-in reader)" % (python, pairs))
        for name in names or WORKLOADS:
            script = os.path.join(WORK, name + ".py")
            times = [[] for _ in range(len(tracers) + 1)]
            for _ in range(pairs):
                times[0].append(untraced(python, script))
                for k, tr in enumerate(tracers):
                    times[k + 1].append(standin(python, script, tracer=tr))
            cells = ["%.2fx" % statistics.median([b / a for a, b in zip(times[0], t)])
                     for t in times[1:]]
            print("%-14s untraced %6.3fs  %s" % (name, statistics.median(times[0]),
                                                 "  ".join("%s %s" % c for c in zip(tracers, cells))),
                  flush=True)
        return 0
    if via == "watcher-cpu":
        print("python %s, %d runs: the watcher thread's CPU, share of one core" % (python, pairs))
        for name in names or WORKLOADS:
            script = os.path.join(WORK, name + ".py")
            shares = [watcher_cpu(python, script) for _ in range(pairs)]
            print("%-14s %6.2f%%" % (name, 100 * statistics.median(shares)), flush=True)
        return 0
    traced = standin if via == "standin" else via_threadline
    base = untraced
    if via == "sampler":
        base = via_threadline_unsampled
    vpy = viztracer_python(python) if viz else None
    print("python %s, %d pairs, traced via %s" % (python, pairs, via))
    a_name = "unsampled" if via == "sampler" else "untraced"
    print("%-14s %10s %10s %8s %10s" % ("workload", a_name, "traced", "ratio", "viztracer"))
    for name in names or WORKLOADS:
        script = os.path.join(WORK, name + ".py")
        ratio, ta, tb = measure(lambda: base(python, script), lambda: traced(python, script), pairs)
        vz = ""
        if vpy:
            vr, _, _ = measure(lambda: untraced(python, script), lambda: with_viztracer(vpy, script),
                               max(3, pairs // 3))
            vz = "%.2fx" % vr
        print("%-14s %9.3fs %9.3fs %7.2fx %10s" % (name, ta, tb, ratio, vz), flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
