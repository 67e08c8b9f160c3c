# threadline's tracer. threadline writes this file to a private directory that
# it puts first on PYTHONPATH, so CPython imports it at start-up. It reports
# what the program's threads do as small JSON lines on the file descriptor
# named by THREADLINE_FD, then hands over to any sitecustomize the user had.
# It never changes what the program does.


def _threadline_install():
    import os
    import sys

    fd_text = os.environ.pop("THREADLINE_FD", None)
    t0_text = os.environ.pop("THREADLINE_T0", None)
    # "direct": leave sys.stderr alone (plain mode: errors go to the terminal).
    stderr_mode = os.environ.pop("THREADLINE_STDERR", "")
    if fd_text is None:
        return
    try:
        fd = int(fd_text)
        t0 = int(t0_text or "0")
        os.set_inheritable(fd, False)
    except (ValueError, OSError):
        return

    # Programs that test threadline itself may write to the channel.
    globals()["THREADLINE_FD"] = fd

    import _thread
    import json
    import threading
    import time

    monotonic_ns = time.monotonic_ns
    get_ident = _thread.get_ident
    dumps = json.dumps
    write = os.write
    state = {"fd": fd}
    ids = {}  # OS thread ident -> tracer id; main is 0
    counter = [0]
    id_lock = _thread.allocate_lock()
    CHUNK = 300  # characters per output record: always < 4 KiB once escaped

    def now():
        return monotonic_ns() - t0

    def short(name):
        # Names go in one record; keep it well under 4 KiB once escaped.
        return str(name)[:200]

    def send(record):
        fd = state["fd"]
        if fd < 0:
            return
        record["at"] = now()
        data = (dumps(record, separators=(",", ":")) + "\n").encode()
        try:
            while data:
                data = data[write(fd, data):]
        except OSError:
            state["fd"] = -1

    def new_id():
        with id_lock:
            counter[0] += 1
            return counter[0]

    def me():
        return ids.get(get_ident(), 0)

    def tid(thread):
        if thread is threading.main_thread():
            return 0
        return getattr(thread, "_threadline_id", None)

    ids[get_ident()] = 0

    def hide_frame(error, code):
        # Take the tracer's own frame out of a traceback passing through it
        # (works from 3.11, where a bare `raise` reads __traceback__).
        tb = error.__traceback__
        if tb is not None and tb.tb_frame.f_code is code:
            error.__traceback__ = tb.tb_next

    # -- threads ---------------------------------------------------------
    Thread = threading.Thread
    orig_init = Thread.__init__
    orig_start = Thread.start
    orig_join = Thread.join
    orig_inner = Thread._bootstrap_inner
    orig_setattr = Thread.__setattr__

    def traced_init(self, *args, **kwargs):
        orig_init(self, *args, **kwargs)
        if getattr(self, "_threadline_id", None) is None:
            i = new_id()
            object.__setattr__(self, "_threadline_id", i)
            send({"e": "new", "t": i, "n": short(self._name),
                  "d": bool(self._daemonic), "p": me()})

    def traced_setattr(self, name, value):
        orig_setattr(self, name, value)
        i = getattr(self, "_threadline_id", None)
        if i is None:
            return
        if name == "_name":
            send({"e": "name", "t": i, "n": short(self._name)})
        elif name == "_daemonic":
            send({"e": "daemon", "t": i, "d": bool(self._daemonic)})

    def traced_start(self):
        i = tid(self)
        if i is not None:
            send({"e": "start", "t": i, "by": me()})
        return orig_start(self)

    def traced_inner(self):
        i = tid(self)
        if i is None:
            return orig_inner(self)
        ids[get_ident()] = i
        send({"e": "run", "t": i, "n": short(self._name), "d": bool(self._daemonic)})
        failed = []
        # threading calls this when an exception escapes run(); wrapping it
        # (not run) keeps the user's traceback free of tracer frames.
        hook = getattr(self, "_invoke_excepthook", None)
        if hook is not None:

            def invoke_excepthook(thread):
                if not issubclass(sys.exc_info()[0] or Exception, SystemExit):
                    failed.append(True)
                return hook(thread)

            object.__setattr__(self, "_invoke_excepthook", invoke_excepthook)
        try:
            orig_inner(self)
        finally:
            flush_thread(i)
            send({"e": "end", "t": i, "x": bool(failed)})

    def traced_join(self, *args, **kwargs):
        target = tid(self)
        if target is None:
            return orig_join(self, *args, **kwargs)
        i = me()
        send({"e": "join", "t": i, "on": target})
        try:
            return orig_join(self, *args, **kwargs)
        except BaseException as error:
            hide_frame(error, traced_join.__code__)
            raise
        finally:
            send({"e": "joined", "t": i, "on": target})

    Thread.__init__ = traced_init
    Thread.__setattr__ = traced_setattr
    Thread.start = traced_start
    Thread.join = traced_join
    Thread._bootstrap_inner = traced_inner

    # Threads started without threading.Thread. threading keeps its own
    # reference to the original, so threading's threads are not seen twice.
    orig_start_new = _thread.start_new_thread

    def traced_start_new(function, args, kwargs=None):
        i = new_id()
        send({"e": "new", "t": i, "n": short("_thread " + getattr(function, "__name__", "?")),
              "d": True, "p": me()})

        def body(*a, **k):
            ids[get_ident()] = i
            send({"e": "run", "t": i})
            failed = False
            try:
                return function(*a, **k)
            except SystemExit:
                pass
            except BaseException:
                failed = True
                raise
            finally:
                flush_thread(i)
                send({"e": "end", "t": i, "x": failed})

        return orig_start_new(body, args, kwargs or {})

    _thread.start_new_thread = traced_start_new
    if hasattr(_thread, "start_new"):
        _thread.start_new = traced_start_new

    # -- sleeping ---------------------------------------------------------
    orig_sleep = time.sleep

    def traced_sleep(seconds):
        i = me()
        send({"e": "sleep", "t": i})
        try:
            return orig_sleep(seconds)
        except BaseException as error:
            hide_frame(error, traced_sleep.__code__)
            raise
        finally:
            send({"e": "woke", "t": i})

    time.sleep = traced_sleep

    # -- shutdown ----------------------------------------------------------
    orig_shutdown = threading._shutdown

    def traced_shutdown(*a, **k):
        flush_all()
        send({"e": "main_end", "t": 0})
        try:
            return orig_shutdown(*a, **k)
        except BaseException as error:
            hide_frame(error, traced_shutdown.__code__)
            raise
        finally:
            send({"e": "joined_all", "t": 0})

    threading._shutdown = traced_shutdown

    # -- output -------------------------------------------------------------
    pending = {}  # tracer id -> (stream, partial line)

    def emit(i, stream, text, more):
        while len(text) > CHUNK:
            send({"e": "out", "t": i, "s": stream, "x": text[:CHUNK], "more": True})
            text = text[CHUNK:]
        send({"e": "out", "t": i, "s": stream, "x": text, "more": more})

    def flush_thread(i):
        for key in [k for k in pending if k[0] == i]:
            text = pending.pop(key, "")
            if text:
                emit(i, key[1], text, False)

    def flush_all():
        for key in list(pending):
            text = pending.pop(key, "")
            if text:
                emit(key[0], key[1], text, False)

    class Lines:
        """Stands in for sys.stdout / sys.stderr: each thread's text is cut
        into lines and reported with the thread that wrote it."""

        def __init__(self, inner, stream):
            object.__setattr__(self, "_inner", inner)
            object.__setattr__(self, "_stream", stream)

        def write(self, text):
            if not isinstance(text, str):
                return self._inner.write(text)
            i = me()
            key = (i, self._stream)
            buf = pending.pop(key, "") + text
            *lines, rest = buf.split("\n")
            for line in lines:
                emit(i, self._stream, line, False)
            if rest:
                pending[key] = rest
            return len(text)

        def writelines(self, lines):
            for line in lines:
                self.write(line)

        def flush(self):
            # Hand over the unfinished line now (so os._exit cannot lose it)
            # without ending it: threadline joins the pieces.
            i = me()
            key = (i, self._stream)
            text = pending.pop(key, "")
            if text:
                emit(i, self._stream, text, True)

        def __getattr__(self, name):
            return getattr(self._inner, name)

        def __setattr__(self, name, value):
            setattr(self._inner, name, value)

    if sys.stdout is not None:
        sys.stdout = Lines(sys.stdout, 1)
    if sys.stderr is not None and stderr_mode != "direct":
        sys.stderr = Lines(sys.stderr, 2)

    import atexit

    atexit.register(flush_all)  # registered first, so it runs last

    def after_fork_in_child():
        # A forked child is another process: it must not write to our pipe,
        # and its output goes straight to the streams it inherited.
        fd = state["fd"]
        state["fd"] = -1
        pending.clear()
        for name in ("stdout", "stderr"):
            stream = getattr(sys, name)
            if isinstance(stream, Lines):
                setattr(sys, name, stream._inner)
        if fd >= 0:
            try:
                os.close(fd)
            except OSError:
                pass

    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=after_fork_in_child)


def _threadline_chain():
    """Import the sitecustomize this file shadows, if there is one."""
    import importlib.machinery
    import importlib.util
    import os
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    for entry in sys.path:
        if os.path.abspath(entry or os.getcwd()) == here:
            continue
        spec = importlib.machinery.PathFinder.find_spec("sitecustomize", [entry])
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return


try:
    _threadline_install()
except Exception as error:  # never break the user's program
    import sys as _sys

    print("threadline: tracer not installed:", error, file=_sys.__stderr__)
_threadline_chain()
