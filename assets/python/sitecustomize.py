# threadline's tracer (protocol 2, see docs/tracer-protocol.md). threadline
# writes this file to a private directory that it puts first on PYTHONPATH, so
# CPython imports it at start-up. It reports what the program's threads do as
# short text lines on the file descriptor named by THREADLINE_FD (or, in a
# child process started by exec, on the FIFO beside this file), then hands
# over to any sitecustomize the user had. It never changes what the program
# does: when anything inside it fails it says so once on the real stderr and
# the program goes on untraced.


def _threadline_install():
    import fcntl
    import os
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    fd_text = os.environ.pop("THREADLINE_FD", None)
    t0_text = os.environ.pop("THREADLINE_T0", None)
    # "direct": leave sys.stderr alone (plain mode: errors go to the terminal).
    stderr_mode = os.environ.pop("THREADLINE_STDERR", "")
    # "tee": sys.stdout writes to the real stdout itself, as untraced (plain
    # mode: its order beside os.write, C code and children is kept), and
    # its lines are reported too.
    stdout_mode = os.environ.pop("THREADLINE_STDOUT", "")
    # The run's own directory: the `threadline-*` entry of PYTHONPATH that
    # holds child.conf and the FIFO (it may be this file's own directory).
    run_dir = None
    for entry in [here] + sys.path:
        if os.path.basename(entry).startswith("threadline-") and \
                os.path.isfile(os.path.join(entry, "child.conf")):
            run_dir = entry
            break
    fifo = None if run_dir is None else os.path.join(run_dir, "events.fifo")
    if fd_text is not None:
        try:
            fd = int(fd_text)
            t0 = int(t0_text or "0")
            os.set_inheritable(fd, False)
        except (ValueError, OSError):
            return None
    else:
        # A process started by exec from a traced program (multiprocessing's
        # spawn and forkserver, subprocess): the pipe is not inherited, so
        # write to the FIFO threadline made in the run's directory.
        if run_dir is None:
            return None
        try:
            with open(os.path.join(run_dir, "child.conf")) as conf:
                words = conf.read().split()
            t0 = int(words[0])
            stderr_mode = words[1] if len(words) > 1 else ""
            stdout_mode = words[2] if len(words) > 2 else ""
            fd = _threadline_open(os, fifo)
        except (OSError, ValueError, IndexError):
            return None
    # Programs that test threadline itself may write to the channel.
    return _Tracer(_threadline_high(os, fcntl, fd), t0, stderr_mode, stdout_mode,
                   fd_text is not None, fifo)


def _threadline_open(os, fifo):
    """The FIFO's write end (threadline keeps it open for reading)."""
    fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    os.set_blocking(fd, True)
    return fd


def _threadline_high(os, fcntl, fd):
    """`fd` moved up out of the way (close-on-exec): the program's own files
    get the numbers they would get untraced, and a program that closes the
    descriptors it did not open (`os.closerange(3, 256)`) and opens a file
    cannot be handed the channel's number, so no record is ever written
    into a file of its. (The modules are passed in: a hook never imports.)"""
    for low in (1000, 500, 256):
        try:
            high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, low)
        except OSError:
            continue
        os.close(fd)
        return high
    return fd


def _Tracer(fd, t0, stderr_mode, stdout_mode, root, fifo):
    # What the tracer uses is imported here, on the main thread before the
    # program's code runs: the monitor's thread must never import, nor may
    # a hook import in a thread of the program. (The only imports later are
    # within an import the program makes, the finder's, and at exit.) A fork
    # in another thread while an import is under way leaves the child that
    # module's import lock, held by a thread the child has not got, and the
    # child hangs on its next import of it.
    import _signal
    import _thread
    import collections
    import dis
    import errno
    import fcntl
    import functools
    import os
    import sys
    import threading
    import time
    import warnings
    import weakref
    from types import FunctionType, MemberDescriptorType, MethodType, ModuleType

    try:
        from _json import encode_basestring_ascii as enc
    except ImportError:  # pragma: no cover - every CPython has _json
        from json.encoder import py_encode_basestring_ascii as enc
    from _collections import deque

    PROTOCOL = 2
    LIMIT = 4096  # PIPE_BUF: a write this long or shorter is atomic
    CHUNK = 300  # characters of text per output record (< 4 KiB escaped)
    NAME = 200  # characters of a name
    version = sys.version_info[:2]
    monotonic_ns = time.monotonic_ns
    get_ident = _thread.get_ident
    get_native_id = _thread.get_native_id
    getframe = sys._getframe
    write = os.write
    tracer_file = os.path.abspath(__file__)

    # -- the channel --------------------------------------------------------
    # Records are lines of ASCII text (strings JSON-escaped with \u escapes),
    # appended to a deque (atomic) and written in batches: one os.write of at
    # most 4096 bytes each, starting with a line naming the process.
    st = {"fd": fd, "pid": os.getpid(), "broken": False, "reopened": 0}
    EBADF = errno.EBADF
    q = deque()
    push = q.append
    popleft = q.popleft
    flush_lock = [_thread.RLock()]
    idle = [False]  # the monitor sleeps until poked
    wake = [_thread.allocate_lock()]
    wake[0].acquire()
    header = ["P %d\n" % st["pid"]]
    # A wait is written at once unless a write went out less than RATE ns
    # ago; then the monitor's timer writes it (<= 20 ms), so no record ever
    # waits longer than that, and a busy program is not one write per wait.
    RATE = 20_000_000
    last_write = [0]

    def now():
        return monotonic_ns() - t0

    def poke():
        idle[0] = False
        try:
            wake[0].release()
        except RuntimeError:
            pass

    def send(line):
        push(line)
        if idle[0]:
            poke()

    def flush():
        if not q:
            return
        with flush_lock[0]:
            fd = st["fd"]
            head = header[0]
            # Only this (under the lock) takes from the left; others append.
            lines = [popleft() for _ in range(len(q))]
            if len(head) + sum(map(len, lines)) <= LIMIT:
                lines.insert(0, head)
                out(fd, lines)
                return
            parts = [head]
            size = len(head)
            for line in lines:
                n = len(line)
                if size + n > LIMIT:
                    if len(parts) > 1:
                        out(fd, parts)
                    parts = [head]
                    size = len(head)
                    if size + n > LIMIT:  # never: records are short
                        continue
                parts.append(line)
                size += n
            if len(parts) > 1:
                out(fd, parts)

    def out(fd, parts):
        last_write[0] = monotonic_ns()
        if fd < 0:
            return
        data = "".join(parts).encode("ascii", "replace")
        try:
            write(fd, data)  # <= PIPE_BUF: all or nothing
        except OSError as error:
            st["fd"] = -1
            # The program closed the channel (closing every descriptor it
            # did not open, as daemons do): go on through the FIFO, which
            # threadline reads until the program exits.
            if error.errno == EBADF and fifo is not None and st["reopened"] < 8:
                st["reopened"] += 1
                try:
                    st["fd"] = fd = _threadline_high(os, fcntl, _threadline_open(os, fifo))
                    write(fd, data)
                except OSError:
                    st["fd"] = -1

    def oops(where, error):
        """A failure inside the tracer: say it once, then stay out of the way.
        A KeyboardInterrupt is none: Ctrl-C (or `_thread.interrupt_main()`)
        came while the tracer's code ran, and goes on to the program (from
        a `__del__`, through `unraisable`)."""
        if isinstance(error, KeyboardInterrupt):
            raise error
        if not st["broken"]:
            st["broken"] = True
            try:
                sys.__stderr__.write("threadline: tracer error in %s: %r\n" % (where, error))
            except Exception:
                pass

    # -- where: the user's file:line ----------------------------------------
    stdlib = os.path.dirname(os.__file__) + os.sep
    lib_cache = {}  # co_filename -> True when it is the stdlib or the tracer
    files = {}  # co_filename -> file id

    def is_lib_file(name):
        r = lib_cache.get(name)
        if r is None:
            r = (
                name == tracer_file
                or name.startswith("<frozen")
                or (
                    name.startswith(stdlib)
                    and "-packages" + os.sep not in name[len(stdlib):]
                )
            )
            lib_cache[name] = r
        return r

    def file_id(name):
        i = files.get(name)
        if i is None:
            i = len(files) + 1
            files[name] = i
            send("F %d %s\n" % (i, enc(name)))
        return i

    lib_get = lib_cache.get

    def user_frame(f):
        while f is not None:
            name = f.f_code.co_filename
            lib = lib_get(name)
            if lib is None:
                lib = is_lib_file(name)
            if not lib:
                break
            f = f.f_back
        return f

    # Caches keyed by code objects use id(code), and keep the code in the
    # value to tell a reused id apart: hashing a code object hashes its
    # constants and names every time (0.2 µs on 3.11, 0.8 µs on 3.12+).
    sites = {}  # (id(code), lasti) -> (code, "fid:line"): f_lineno scans the line table

    # The last user frame asked: (code, f_lasti, site), replaced as one
    # tuple so that threads asking at once never mix two.
    last_site = [(None, -1, "-")]

    def site_of(f):
        ls = last_site[0]
        if f is not None and f.f_code is ls[0] and f.f_lasti == ls[1]:
            return ls[2]  # a thread started in a loop, a wait in one
        f = user_frame(f)
        if f is None:
            return "-"
        code = f.f_code
        lasti = f.f_lasti
        key = (id(code), lasti)
        s = sites.get(key)
        if s is None or s[0] is not code:
            if len(sites) > 10000:
                sites.clear()
            s = sites[key] = (code, "%d:%d" % (file_id(code.co_filename), f.f_lineno))
        last_site[0] = (code, lasti, s[1])
        return s[1]

    code_sites = {}  # id(code) -> (code, "fid:line")

    def code_site(code):
        if code is None:
            return "-"
        s = code_sites.get(id(code))
        if s is None or s[0] is not code:
            if is_lib_file(code.co_filename):
                s = "-"
            else:
                s = "%d:%d" % (file_id(code.co_filename), code.co_firstlineno)
            if len(code_sites) > 10000:
                code_sites.clear()
            s = code_sites[id(code)] = (code, s)
        return s[1]

    def tb_site(tb):
        found = None
        while tb is not None:
            if not is_lib_file(tb.tb_frame.f_code.co_filename):
                found = tb
            tb = tb.tb_next
        if found is None:
            return "-"
        return "%d:%d" % (file_id(found.tb_frame.f_code.co_filename), found.tb_lineno)

    def short(text, n=NAME):
        try:
            text = str(text)
        except Exception:
            text = "?"
        # A cut text says so: a 1,000-character name shown as its first 199
        # and an ellipsis, never as a shorter name it does not have.
        return enc(text if len(text) <= n else text[:n - 1] + "\u2026")

    # -- threads --------------------------------------------------------------
    ids = {}  # OS thread ident -> tracer id; main is 0
    counter = [0]
    live = [1]
    waiting = {}  # ident -> tracer-reported wait token, for the monitor
    # Waits the monitor saw (ident -> (tid, site)): whichever side notices
    # first that one is over (the monitor, or the thread itself sending a
    # record) ends it.
    mw_open = {}

    def end_seen_wait(ident):
        w = mw_open.pop(ident, None)
        if w is not None:
            send("U %d %d %s\n" % (now(), w[0], w[1]))
    # id(Thread) -> (the Thread, tracer id), from its start() until its
    # end: a thread's object lives that long anyway (threading keeps it),
    # so no weak reference is needed to tell a reused id apart. (A start()
    # that raised leaves its entry: one Thread object kept, rarely.)
    thread_tid = {}

    class Ref(weakref.ref):
        __slots__ = ("key",)

    def new_tid():
        counter[0] += 1  # under the GIL; ids only need to be unique
        return counter[0]

    def me():
        i = ids.get(get_ident())
        if i is None:
            i = adopt()
        return i

    def adopt():
        # A thread we did not see start (a C extension's, a _DummyThread).
        ident = get_ident()
        i = new_tid()
        ids[ident] = i
        t = threading._active.get(ident)
        name = t.name if t is not None else "thread %d" % ident
        send("N %d %d - 1 - %s\n" % (now(), i, short(name)))
        send("R %d %d %d -\n" % (now(), i, get_native_id()))
        live[0] += 1
        return i

    main_thread = threading.main_thread

    def tid_of(thread):
        e = thread_tid.get(id(thread))
        if e is not None and e[0] is thread:
            return e[1]
        if thread is main_thread():
            return ids.get(thread.ident, 0)
        return None

    # -- objects ----------------------------------------------------------------
    # Creation of locks and of the Python-level synchronisation objects is
    # noted cheaply (the creating frame's code and instruction); the object gets
    # a small id and an O record the first time a wait reports it.
    created = {}  # id(obj) -> [ref, code, lasti, direct, oid]
    # Objects made inside these are parts of another (a Thread's Event, a
    # Queue's Conditions): never reported themselves, so not noted.
    skip_creator = {id(threading.Thread.__init__.__code__)}
    oids = [0]

    def forget_obj(r):
        if created.get(r.key, (None,))[0] is r:
            del created[r.key]

    def note_created(obj, f):
        """obj was made with f as the creating frame's caller chain."""
        if id(f.f_code) in skip_creator:
            return
        e = created.get(id(obj))
        if e is not None and e[0]() is obj:
            return  # a subclass's __init__ (BoundedSemaphore) calling its base's
        direct = not is_lib_file(f.f_code.co_filename)
        uf = f if direct else user_frame(f)
        try:
            r = Ref(obj, forget_obj)
        except TypeError:
            return
        r.key = id(obj)
        created[r.key] = [r, uf.f_code if uf else None, uf.f_lasti if uf else -1, direct, 0]

    lock_types = {type(_thread.allocate_lock()): "Lock", _thread.RLock: "RLock"}

    mod_of_file = {}  # co_filename -> the module run from it

    def module_of(filename):
        """The module run from filename, if it is loaded."""
        m = mod_of_file.get(filename)
        if m is None:
            for mod in list(sys.modules.values()):
                if type(mod) is ModuleType and mod.__dict__.get("__file__") == filename:
                    m = mod_of_file[filename] = mod
                    break
        return m

    def global_name(obj, filename):
        """A module-level name bound to obj in the module run from filename."""
        try:
            m = module_of(filename)
            for k, v in list(m.__dict__.items()) if m is not None else ():
                if v is obj and not k.startswith("__"):
                    return k
        except Exception:
            pass
        return None

    NOT_OWN = object()

    def own_attr(obj, name):
        """obj's attribute `name` from its instance storage (dict or slot), or
        a plain class value; NOT_OWN for none, or for a property's and the
        like. Read without running any of the program's code, and without
        asking for obj.__dict__: on 3.11 and 3.12 that builds a real dict for
        an object whose attributes CPython keeps inline, and every attribute
        access on that object is slower from then on (a queue's get and put
        by 22-43%: benches/inline_attrs_bench.py)."""
        for klass in type(obj).__mro__:
            v = klass.__dict__.get(name, NOT_OWN)
            if v is NOT_OWN:
                continue
            tv = type(v)
            if tv is MemberDescriptorType:  # a slot
                try:
                    return v.__get__(obj, type(obj))
                except AttributeError:
                    return NOT_OWN
            if hasattr(tv, "__set__") or hasattr(tv, "__delete__"):
                return NOT_OWN  # a property: code, not the object's own
            if hasattr(tv, "__get__"):
                # A method of that name: only the dict tells whether the object
                # shadows it (rare: build it then).
                try:
                    d = object.__getattribute__(obj, "__dict__")
                except Exception:
                    return NOT_OWN
                return d.get(name, NOT_OWN) if type(d) is dict else NOT_OWN
            break
        try:
            # No descriptor stands in the way: instance storage, else a plain
            # class value; neither runs code (__getattr__ is not consulted).
            return object.__getattribute__(obj, name)
        except Exception:
            return NOT_OWN

    def owner_name(obj, attr, filename):
        """A module-level name of that module bound to an object whose
        attribute attr is obj (own_attr: read without running its code)."""
        try:
            m = module_of(filename)
            for k, v in list(m.__dict__.items()) if m is not None else ():
                if k.startswith("__"):
                    continue
                if own_attr(v, attr) is obj:
                    return k
        except Exception:
            pass
        return None

    def obj_id(obj, name_hint=None):
        e = created.get(id(obj))
        if e is None or e[0]() is not obj:
            try:
                r = Ref(obj, forget_obj)
            except TypeError:
                return "-"
            r.key = id(obj)
            e = created[r.key] = [r, None, -1, False, 0]
        if e[4]:
            return e[4]
        oids[0] += 1
        e[4] = oids[0]
        kind = lock_types.get(type(obj)) or type(obj).__name__
        code, lasti = e[1], e[2]
        site = "-"
        name = None
        if code is not None:
            line = line_of(code, lasti)
            site = "%d:%d" % (file_id(code.co_filename), line)
            name = bound_name(code, lasti)
            if name is None and code.co_name == "<module>":
                # `a, b = Lock(), Lock()`: the module's name for it
                name = global_name(obj, code.co_filename)
            if name is not None and name.startswith("self."):
                # `self.lock`, made in __init__: the module's name for its
                # owner, when it has one (`x.lock`, `y.lock`: two locks).
                owner = owner_name(obj, name[5:], code.co_filename)
                if owner is not None:
                    name = "%s.%s" % (owner, name[5:])
            if name is None and name_hint is not None:
                name = name_hint[0]  # made in a list, a call...: as the waiter names it
        elif name_hint is not None:
            name, site = name_hint
        extra = "-"
        try:
            popen = own_attr(obj, "_popen")
            if popen is not NOT_OWN and popen is not None and getattr(popen, "pid", None):
                extra = str(popen.pid)
        except Exception:
            pass
        send("O %d %d %s %s %s %s\n" % (now(), e[4], enc(kind), site,
                                       enc(name) if name else "-", extra))
        return e[4]

    def line_of(code, lasti):
        try:
            if hasattr(code, "co_lines"):
                for start, end, line in code.co_lines():
                    if start <= lasti < end and line is not None:
                        return line
            else:
                line = code.co_firstlineno
                for off, ln in dis.findlinestarts(code):
                    if off > lasti:
                        break
                    line = ln
                return line
        except Exception:
            pass
        return code.co_firstlineno

    def bound_name(code, lasti):
        """The name the result of the call at lasti is stored to, if any."""
        try:
            ins = instructions(code)
            i = ins[1].get(lasti)
            if i is None:
                return None
            seq = ins[0]
            j = i + 1
            while j < len(seq) and seq[j].opname in ("CACHE", "PRECALL", "CALL"):
                j += 1
            if j >= len(seq):
                return None
            a = seq[j]
            if a.opname in ("STORE_NAME", "STORE_FAST", "STORE_GLOBAL", "STORE_DEREF"):
                return a.argval
            if a.opname in ("LOAD_FAST", "LOAD_NAME", "LOAD_GLOBAL", "LOAD_DEREF") and j + 1 < len(seq):
                b = seq[j + 1]
                if b.opname == "STORE_ATTR":
                    return "%s.%s" % (a.argval, b.argval)
        except Exception:
            pass
        return None

    instr_cache = {}

    def instructions(code):
        r = instr_cache.get(code)
        if r is None:
            if len(instr_cache) > 5000:
                instr_cache.clear()
            seq = list(dis.get_instructions(code))
            at = {x.offset: k for k, x in enumerate(seq)}
            # 3.12 leaves f_lasti on the last cache entry of a CALL: map
            # every offset to the instruction that covers it.
            last = 0
            for k, x in enumerate(seq):
                for off in range(last, x.offset, 2):
                    at.setdefault(off, k - 1)
                last = x.offset + 2
            r = (seq, at)
            instr_cache[code] = r
        return r

    # -- waits -------------------------------------------------------------------
    def wait_begin(kind, obj, holder, f, hint=None, site=None, now_flush=True, oid=None):
        ident = get_ident()
        if mw_open:
            end_seen_wait(ident)
        i = ids.get(ident)
        if i is None:
            i = adopt()
        s = site_of(f) if site is None else site
        if oid is not None:
            o = oid
        else:
            o = obj_id(obj, hint) if obj is not None else "-"
        t = monotonic_ns()
        push("W %d %d %s %s %s %s\n" % (t - t0, i, kind, o, "-" if holder is None else holder, s))
        tok = (ident, i, s, waiting.get(ident))
        waiting[ident] = tok
        if now_flush and t - last_write[0] > RATE:
            flush()
        elif idle[0]:
            poke()
        return tok

    class Done(functools.partial):
        """Calls the original; when the call is over (returned or raised) and
        this object is dropped, the wait it stands for ends. No frame of the
        tracer is on the stack while the original runs, so tracebacks are the
        program's own on every version."""

        __slots__ = ("tok",)

        def __del__(self):
            try:
                end_wait(self.tok)
            except BaseException as error:
                oops("wait end", error)

    def end_wait(tok):
        """The wait's end: back to the enclosing wait, if any; a U."""
        ident, i, s, prev = tok
        if prev is None:
            waiting.pop(ident, None)
        else:
            waiting[ident] = prev
        push("U %d %d %s\n" % (monotonic_ns() - t0, i, s))
        if idle[0]:
            poke()

    def waiting_call(orig, tok, *bound):
        d = Done(orig, *bound)
        d.tok = tok
        return d

    def mimic(orig, getter=None, call=None):
        """An object that looks like the callable `orig` (name, repr, class
        for isinstance) and runs `getter` (returning what to call) or `call`."""
        ns = {
            "__slots__": (),
            "__repr__": lambda self: repr(orig),
            "__reduce__": lambda self: orig.__qualname__,
            "__getattr__": lambda self, name: getattr(orig, name),
            "__class__": property(lambda self: type(orig)),
            "__name__": orig.__name__,
            "__qualname__": getattr(orig, "__qualname__", orig.__name__),
            "__module__": getattr(orig, "__module__", None),
            "__doc__": orig.__doc__,
            "__wrapped__": orig,
        }
        if getter is not None:
            ns["__call__"] = property(getter)
        else:
            ns["__call__"] = call
        return type(orig.__name__, (), ns)()

    class Method:
        """A class attribute standing in for a method: on access from an
        instance it runs `hook(obj, caller)`, which returns what to call."""

        __slots__ = ("orig", "hook", "unbound")

        def __init__(self, orig, hook, unbound=None):
            self.orig = orig
            self.hook = hook
            self.unbound = unbound

        def __get__(self, obj, cls=None):
            if obj is None:
                return self.orig if self.unbound is None else self.unbound
            # (bound()'s body, inlined: this runs before every hooked call)
            try:
                return self.hook(obj, getframe(1))
            except BaseException as error:
                oops(getattr(self.orig, "__name__", "?"), error)
                return self.orig.__get__(obj, cls)

        def bound(self, obj, cls, f):
            """What to call for obj, asked from frame f."""
            try:
                return self.hook(obj, f)
            except BaseException as error:
                oops(getattr(self.orig, "__name__", "?"), error)
                return self.orig.__get__(obj, cls)

    class Init(Method):
        """`__init__` of a class whose objects' creation is noted: an object
        made inside a skipped creator (a Thread's Event, a Queue's
        Conditions) costs one set lookup and no call of the tracer's."""

        __slots__ = ()

        def __get__(self, obj, cls=None):
            if obj is None:
                return Method.__get__(self, obj, cls)
            f = getframe(1)  # the creator's frame, as Method's hooks get it
            if id(f.f_code) in skip_creator:
                return MethodType(self.orig, obj)
            return self.bound(obj, cls, f)

    thread_init_code = threading.Thread.__init__.__code__

    class EventInit(Init):
        """Event's `__init__`: as Init's, but a Thread's own start-up Event
        (made in Thread.__init__) is made by `own`, which gives it its
        StartCondition and a plain lock from the start: no hook of the
        tracer's runs for them (once a thread)."""

        __slots__ = ("own",)

        def __get__(self, obj, cls=None):
            if obj is None:
                return Method.__get__(self, obj, cls)
            f = getframe(1)
            code = f.f_code
            if code is thread_init_code:
                return MethodType(self.own, obj)
            if id(code) in skip_creator:
                return MethodType(self.orig, obj)
            return self.bound(obj, cls, f)

    def hook_method(cls, name, hook, unbound=None, kind=Method):
        orig = cls.__dict__[name]
        setattr(cls, name, kind(orig, hook, unbound))
        return orig

    # -- sleeping ----------------------------------------------------------------
    orig_sleep = time.sleep
    # threadline pauses a program with SIGSTOP, and the kernel's clock goes
    # on meanwhile: a sleep whose time ran out during a pause would end early
    # in the program's own time. Before it lets the program go on threadline
    # lists its pauses ("START END" in ns of this tracer's time, a line each)
    # in `paused` in the run's directory; a sleep that a pause cut short
    # sleeps the rest of its time before it ends. Only a sleep that lasted
    # PAUSE_MIN can have held a pause worth making up for.
    PAUSE_MIN = 20_000_000
    pauses_path = [None]
    SLEEP_CALLS = ("CALL", "CALL_FUNCTION", "CALL_METHOD")
    NAME_LOADS = ("LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_NAME", "LOAD_GLOBAL", "LOAD_DEREF")
    sleep_args = {}  # (code, lasti) -> None | ("const", value) | (op, name)

    def pauses_file():
        p = pauses_path[0]
        if p is None:
            p = ""
            for entry in sys.path:
                if os.path.basename(entry).startswith("threadline-") and \
                        os.path.isfile(os.path.join(entry, "child.conf")):
                    p = os.path.join(entry, "paused")
                    break
            pauses_path[0] = p
        return p

    def paused_within(a, b):
        """Time paused within [a, b] (tracer time), and when the last of
        those pauses ended."""
        p = pauses_file()
        if not p:
            return 0, 0
        try:
            with open(p) as fh:
                text = fh.read()
        except OSError:
            return 0, 0
        total = last = 0
        for line in text.split("\n"):
            w = line.split()
            if len(w) != 2:
                continue
            lo, hi = max(int(w[0]), a), min(int(w[1]), b)
            if hi > lo:
                total += hi - lo
                last = max(last, int(w[1]))
        return total, last

    def readable(x):
        """How the value an instruction loads can be read again from its
        frame: ("const", value) or (the load, the name); else None."""
        if x.opname == "LOAD_CONST":
            return ("const", x.argval)
        if x.opname in NAME_LOADS:
            return (x.opname, x.argval)
        return None

    def call_arg(table, f, find):
        """`find(seq, k, f)` for the instruction f is at, kept in `table`
        for that place (code, offset); None where it fails."""
        key = (f.f_code, f.f_lasti)
        if key in table:
            return table[key]
        try:
            seq, at = instructions(f.f_code)
            k = at.get(f.f_lasti)
            r = None if k is None else find(seq, k, f)
        except Exception:
            r = None
        if len(table) > 5000:
            table.clear()
        table[key] = r
        return r

    def read_value(arg, f):
        """The value a call was given, read again in frame f as `readable`
        said (None if it cannot be)."""
        op, x = arg
        if op == "const":
            return x
        try:
            v = f.f_locals.get(x, None) if op != "LOAD_GLOBAL" else None
        except Exception:
            v = None
        if v is None:
            v = f.f_globals.get(x, None)
        return v

    def arg_value(arg, f):
        """The number a call was given, read as `readable` said (None if it
        is not an int or a float)."""
        if arg is None:
            return None
        v = read_value(arg, f)
        return v if type(v) in (int, float) else None

    def sleep_find(seq, k, f):
        if seq[k].opname in SLEEP_CALLS and seq[k].arg == 1:
            j = k - 1
            while j >= 0 and seq[j].opname in ("CACHE", "PRECALL"):
                j -= 1
            return readable(seq[j])
        return None

    def sleep_arg(f):
        """How the argument of the `time.sleep(X)` being called in f can be
        read again: X a constant or a plain name (else None)."""
        return call_arg(sleep_args, f, sleep_find)

    def sleep_secs(arg, f):
        """The seconds a sleep was given, from sleep_arg's answer."""
        v = arg_value(arg, f)
        return v if v is not None and v >= 0 else None

    # A Condition.wait or Thread.join given a timeout of 0 or less returns at
    # once (its lock is only tried), whatever the other threads do: no wait.
    # The hook runs as f loads the method, before the arguments exist: how
    # the call's one argument, `X` or `timeout=X`, can be read is found in
    # the instructions that follow (a constant or a plain name, as for a
    # sleep), once for each place.
    TIMEOUT_CALLS = ("CALL", "CALL_FUNCTION", "CALL_METHOD", "CALL_FUNCTION_KW", "CALL_KW")
    timeout_args = {}  # (code, lasti) -> None | ("const", value) | (op, name)
    MISS = object()

    def timeout_find(seq, k, f):
        if seq[k].opname not in ("LOAD_METHOD", "LOAD_ATTR"):
            return None
        ops = []
        j = k + 1
        while j < len(seq) and len(ops) < 4 and seq[j].opname not in TIMEOUT_CALLS:
            if seq[j].opname not in ("CACHE", "PRECALL", "PUSH_NULL"):
                ops.append(seq[j])
            j += 1
        call = seq[j] if j < len(seq) else None
        if call is None or call.opname not in TIMEOUT_CALLS or call.arg != 1:
            return None
        names = ()
        if ops and ops[-1].opname == "KW_NAMES":
            # (3.11's dis leaves the names unread: co_consts has them)
            names = f.f_code.co_consts[ops.pop().arg]
        elif call.opname in ("CALL_FUNCTION_KW", "CALL_KW"):
            names = ops.pop().argval if ops else None
        if len(ops) == 1 and names in ((), ("timeout",)):
            return readable(ops[0])
        return None

    def returns_at_once(f):
        """The wait being called in f was given a timeout of 0 or less."""
        # (the place's answer looked up here first: this runs before every
        # hooked wait, most often at a place without a timeout)
        arg = timeout_args.get((f.f_code, f.f_lasti), MISS)
        if arg is MISS:
            arg = call_arg(timeout_args, f, timeout_find)
        if arg is None:
            return False
        v = arg_value(arg, f)
        return v is not None and v <= 0

    def make_up(start, end, arg, f):
        """The sleep from start to end (monotonic ns) held a pause: sleep
        what the pause took from it."""
        paused, last = paused_within(start - t0, end - t0)
        if not paused:
            return
        secs = sleep_secs(arg, f)
        if secs is not None:
            want = int(secs * 1e9)
        elif end - t0 - last >= PAUSE_MIN:
            # Its time ran out after the pause: it lasted what it was asked.
            want = end - start
        else:
            return  # it ended as the program went on; how long it was asked is not known
        while True:
            t = monotonic_ns()
            p, _ = paused_within(start - t0, t - t0)
            left = want - ((t - start) - p)
            if left <= 500_000:
                return
            orig_sleep(left / 1e9)

    class SleepDone(Done):
        """A sleep's call: when it ends, what a pause took from it is made up
        first (see make_up)."""

        __slots__ = ("start", "arg", "frame")

        def __del__(self):
            try:
                start = self.start
                end = monotonic_ns()
                if end - start >= PAUSE_MIN and pauses_file():
                    make_up(start, end, self.arg, self.frame)
            except BaseException as error:
                oops("sleep", error)
            self.frame = None
            Done.__del__(self)

    def sleep_get(self):
        f = getframe(1)
        d = SleepDone(orig_sleep)
        d.tok = wait_begin("sleep", None, None, f)
        d.start = monotonic_ns()
        d.arg = sleep_arg(f)
        d.frame = f
        return d

    time.sleep = mimic(orig_sleep, getter=sleep_get)

    # -- locks: where each was made -----------------------------------------------
    orig_allocate = _thread.allocate_lock
    orig_threading_lock = threading.Lock
    if not isinstance(threading.Lock, type):  # up to 3.12: a builtin function

        def new_lock(self, *args):
            lock = orig_allocate(*args)
            f = getframe(1)
            if id(f.f_code) in skip_creator:  # an Event's own lock
                return lock
            name = f.f_code.co_filename
            lib = lib_get(name)
            if lib is None:
                lib = is_lib_file(name)
            if not lib:
                note_created(lock, f)
            return lock

        lock_factory = mimic(orig_allocate, call=new_lock)
        threading.Lock = lock_factory
        _thread.allocate_lock = lock_factory
        if getattr(_thread, "allocate", None) is orig_allocate:
            _thread.allocate = lock_factory
    # 3.13: threading.Lock is the type _thread.lock itself; replacing it would
    # change what the program sees, so a lock's site is found when it is first
    # reported (the name it was loaded by, and where that name was stored).

    orig_rlock = threading.RLock

    @functools.wraps(orig_rlock)
    def RLock(*args, **kwargs):
        lock = orig_rlock(*args, **kwargs)
        f = getframe(1)
        if not is_lib_file(f.f_code.co_filename):
            note_created(lock, f)
        return lock

    threading.RLock = RLock

    # -- Python-level objects: creation and waits ---------------------------------
    def init_hook(orig):
        def hook(obj, f):
            note_created(obj, f)
            return MethodType(orig, obj)

        return hook

    import queue

    creators = [
        (threading.Condition, "__init__"),
        (threading.Event, "__init__"),
        (threading.Semaphore, "__init__"),
        (threading.Barrier, "__init__"),
        (queue.Queue, "__init__"),
    ]
    def unbound_init(orig):
        # `Base.__init__(self, ...)` (3.8's BoundedSemaphore): a plain
        # wrapper; a tracer frame shows only if that __init__ raises.
        @functools.wraps(orig)
        def __init__(self, *args, **kwargs):
            note_created(self, getframe(1))
            return orig(self, *args, **kwargs)

        return __init__

    def hook_init(cls):
        orig = cls.__dict__["__init__"]
        if getattr(orig, "__code__", None) is not None and cls is not threading.Condition:
            skip_creator.add(id(orig.__code__))
        kind = EventInit if cls is threading.Event else Init
        hook_method(cls, "__init__", init_hook(orig), unbound_init(orig), kind)
        if kind is EventInit:
            cls.__dict__["__init__"].own = orig  # until StartCondition exists

    creators = [
        threading.Condition,
        threading.Event,
        threading.Semaphore,
        threading.BoundedSemaphore,
        threading.Barrier,
        queue.Queue,
    ]
    for cls in creators:
        if "__init__" in cls.__dict__:
            hook_init(cls)

    # The API whose Condition.wait a wait really is (outermost one wins).
    api = {}  # id(code) -> kind
    api_codes = []  # keeps those codes (and so their ids) alive

    def api_add(cls, name, kind):
        fn = cls.__dict__.get(name)
        fn = getattr(fn, "orig", fn)
        code = getattr(fn, "__code__", None)
        if code is not None:
            api[id(code)] = kind
            api_codes.append(code)

    api_add(queue.Queue, "get", "queue_get")
    api_add(queue.Queue, "put", "queue_put")
    api_add(queue.Queue, "join", "queue_join")
    api_add(threading.Event, "wait", "event")
    api_add(threading.Semaphore, "acquire", "semaphore")
    api_add(threading.Barrier, "wait", "barrier")
    api_add(threading.Condition, "wait_for", "condition")
    api_add(threading.Condition, "wait", "condition")
    api_add(threading.Condition, "__enter__", "lock")
    api_add(threading.Thread, "start", "thread_start")
    api_add(threading.Timer, "run", "timer")

    def api_frame(f):
        """(kind, self of the outermost API frame, user frame) above f."""
        kind = at = obj = None
        while f is not None:
            code = f.f_code
            lib = lib_get(code.co_filename)
            if lib is None:
                lib = is_lib_file(code.co_filename)
            if not lib:
                break
            k = api.get(id(code))
            if k is not None:
                kind = k
                at = f
            f = f.f_back
        if at is not None:
            try:
                obj = at.f_locals.get("self")
            except Exception:
                obj = None
        return kind, obj, f

    orig_cond_wait = threading.Condition.__dict__["wait"]

    # What a wait on a Condition is (its kind, the object reported) depends
    # on the condition and the API frames around the call; a queue's, an
    # event's or a barrier's condition is waited on again and again from the
    # same two frames, so that is kept: (id(cond), id(caller's code),
    # id(its caller's code)) -> (weakref to cond, kind, object id, caller's
    # code, its caller's code; the codes compared, so a reused id of a
    # function since gone never stands for another; and [which of the two is
    # the user frame (0, 1; 2 neither), its last instruction, the site]).
    cond_seen = {}

    def cond_wait_hook(cond, f):
        code = f.f_code
        b = f.f_back
        if code is event_wait_code and b is not None and b.f_code is thread_start_code:
            # Thread.start() waiting for the new thread to begin: no
            # record; N says the starter waits until the new thread's R.
            return MethodType(orig_cond_wait, cond)
        if returns_at_once(f):
            return MethodType(orig_cond_wait, cond)
        bcode = b.f_code if b is not None else None
        key = (id(cond), id(code), id(bcode))
        c = cond_seen.get(key)
        if c is not None and c[0]() is cond and c[3] is code and c[4] is bcode:
            # The site, kept for the user frame's last instruction when the
            # user frame is this frame or its caller (whose codes the key has).
            m = c[5]
            g = f if m[0] == 0 else b if m[0] == 1 else None
            if g is not None and g.f_lasti == m[1]:
                s = m[2]
            else:
                s = site_of(f)
                if g is not None:
                    m[1] = g.f_lasti
                    m[2] = s
            return waiting_call(orig_cond_wait, wait_begin(c[1], None, None, f, site=s, oid=c[2]), cond)
        kind, obj, uf = api_frame(f)
        holder = None
        if kind is None:
            kind, obj = "condition", cond
        elif kind == "thread_start":
            holder = tid_of(obj)
            obj = None
        elif kind == "timer":
            obj = None
        o = obj_id(obj) if obj is not None else "-"
        if holder is None:
            try:
                if len(cond_seen) > 10000:
                    cond_seen.clear()
                user = 0 if uf is f else 1 if uf is b else 2
                cond_seen[key] = (weakref.ref(cond), kind, o, code, bcode, [user, -1, None])
            except TypeError:
                pass
        # uf, the first frame outside the library, is where the wait is
        return waiting_call(orig_cond_wait, wait_begin(kind, None, holder, uf, oid=o), cond)

    hook_method(threading.Condition, "wait", cond_wait_hook)

    # -- threads: start, run, join, end ------------------------------------------------
    Thread = threading.Thread
    orig_start = Thread.__dict__["start"]
    orig_join = Thread.__dict__["join"]
    orig_inner = Thread.__dict__["_bootstrap_inner"]
    orig_is_alive = Thread.__dict__["is_alive"]
    event_wait_code = threading.Event.wait.__code__
    thread_start_code = Thread.start.__code__

    Condition = threading.Condition

    class StartCondition(Condition):
        """The Condition of a Thread's own start-up Event, once its start()
        is called: its wait is the original (a class of its own, so the
        condition holds no reference to itself)."""

        __slots__ = ()
        __init__ = Condition.__dict__["__init__"].orig  # made unnoted
        wait = orig_cond_wait

    StartCondition.__name__ = StartCondition.__qualname__ = "Condition"
    StartCondition.__module__ = Condition.__module__

    # The original Event.__init__ with StartCondition and the original Lock for
    # its globals `Condition` and `Lock`: a Thread's start-up Event made so.
    try:
        event_init = threading.Event.__dict__["__init__"]
        names = dict(vars(threading), Condition=StartCondition, Lock=orig_threading_lock)
        fn = event_init.orig
        event_init.own = FunctionType(fn.__code__, names, fn.__name__, fn.__defaults__, fn.__closure__)
    except (AttributeError, KeyError, TypeError):
        pass

    # These run once or more a thread: lookups are inlined where a call
    # would cost as much as the work (`_started._flag` is what is_set() reads).
    def start_hook(t, f):
        key = id(t)
        e = thread_tid.get(key)
        try:
            started = t._started._flag
        except AttributeError:
            # Its Thread.__init__ was never called: start() says so itself.
            return MethodType(orig_start, t)
        # (main's _started is set: main is never reported as started here)
        if (e is None or e[0] is not t) and not started:
            i = counter[0] = counter[0] + 1
            thread_tid[key] = (t, i)
            starter = ids.get(get_ident())
            if starter is None:
                starter = adopt()
            ls = last_site[0]  # (site_of's first test, inlined: threads start in loops)
            s = ls[2] if f.f_code is ls[0] and f.f_lasti == ls[1] else site_of(f)
            push("N %d %d %d %d %s %s\n" % (monotonic_ns() - t0, i, starter,
                                            1 if t._daemonic else 0, s,
                                            enc(t._name) if type(t._name) is str
                                            and len(t._name) <= NAME else short(t._name)))
            if idle[0]:
                poke()
            try:
                # start() waits on this Event for the new thread: no record
                # (N … R says it), so its Condition's wait needs no hook. (Made
                # a StartCondition in Thread.__init__ already, see EventInit;
                # here for an Event a Thread got some other way.)
                c = t._started._cond
                if type(c) is Condition:
                    c.__class__ = StartCondition
            except (AttributeError, TypeError):
                pass
        return MethodType(orig_start, t)

    def join_hook(t, f):
        e = thread_tid.get(id(t))
        if e is not None and e[0] is t:
            # Its entry lives from start() until its run is over: until
            # then it is alive (once started), and a join waits.
            if not t._started._flag:
                return MethodType(orig_join, t)
            target = e[1]
        elif t is main_thread():  # main: not in thread_tid
            target = ids.get(t.ident, 0)
            if not orig_is_alive(t):
                return MethodType(orig_join, t)
        else:
            # Not started, or its run is over: nothing to wait for but the
            # end of its C thread state, no wait worth a record.
            return MethodType(orig_join, t)
        if returns_at_once(f):
            return MethodType(orig_join, t)
        return waiting_call(orig_join, wait_begin("join", None, target, f), t)

    hook_method(Thread, "start", start_hook)
    hook_method(Thread, "join", join_hook)

    name_prop = Thread.__dict__["name"]

    def set_name(self, value):
        name_prop.fset(self, value)
        i = tid_of(self)
        if i is not None:
            send("n %d %d %s\n" % (now(), i, short(self._name)))

    Thread.name = property(name_prop.fget, set_name, None, name_prop.__doc__)

    def run_site(t):
        target = getattr(t, "_target", None)
        code = getattr(target, "__code__", None)
        if code is None:
            run = getattr(type(t), "run", None)
            code = getattr(run, "__code__", None)
        s = code_sites.get(id(code))  # (code_site's lookup, inlined)
        return s[1] if s is not None and s[0] is code else code_site(code)

    def traced_inner(self):
        e = thread_tid.get(id(self))
        if e is None or e[0] is not self:
            return orig_inner(self)
        i = e[1]
        ident = get_ident()
        ids[ident] = i
        live[0] += 1
        rs = run_site(self)
        push("R %d %d %d %s\n" % (monotonic_ns() - t0, i, get_native_id(), rs))
        if idle[0]:
            poke()
        failed = []
        # threading calls this when an exception escapes run(); wrapping it
        # (not run) keeps the user's traceback free of tracer frames.
        hook = getattr(self, "_invoke_excepthook", None)
        if hook is not None:

            def invoke_excepthook(thread):
                failed.append(sys.exc_info())
                return hook(thread)

            self._invoke_excepthook = invoke_excepthook
        try:
            orig_inner(self)
        finally:
            # (end_output's test and send(), inlined: this runs once a thread)
            live[0] -= 1
            if mw_open:
                end_seen_wait(ident)
            if ident in pending[1] or ident in pending[2]:
                end_output(ident, i)
            if failed:
                push(end_record(i, failed[0], rs))
            else:
                push("E %d %d ok %s\n" % (monotonic_ns() - t0, i, rs))
            if idle[0]:
                poke()
            waiting.pop(ident, None)
            ids.pop(ident, None)
            thread_tid.pop(id(self), None)

    def end_record(i, info, site):
        if info is None:
            return "E %d %d ok %s\n" % (monotonic_ns() - t0, i, site)
        etype, value, tb = info
        if etype is not None and issubclass(etype, SystemExit):
            return "E %d %d exit %s\n" % (now(), i, tb_site(tb))
        return "E %d %d exc %s %s %s\n" % (now(), i, tb_site(tb),
                                           short(getattr(etype, "__qualname__", "?")),
                                           short(value, 500))

    Thread._bootstrap_inner = traced_inner

    # Threads started without threading.Thread. threading keeps its own
    # reference to the original, so threading's threads are not seen twice.
    orig_start_new = _thread.start_new_thread

    def start_new(function, args, kwargs=None):
        i = new_tid()
        fname = getattr(function, "__name__", "?")
        send("N %d %d %d 1 %s %s\n" % (now(), i, me(), site_of(getframe(1)),
                                       short("_thread " + str(fname))))
        return orig_start_new(RawBody(function, i), args, kwargs or {})

    class RawBody:
        __slots__ = ("function", "i")

        def __init__(self, function, i):
            self.function = function
            self.i = i

        def __repr__(self):
            return repr(self.function)

        def __call__(self, *a, **k):
            ident = get_ident()
            i = self.i
            ids[ident] = i
            live[0] += 1
            code = getattr(self.function, "__code__", None)
            send("R %d %d %d %s\n" % (now(), i, get_native_id(), code_site(code)))
            info = None
            try:
                return self.function(*a, **k)
            except BaseException as error:
                info = (type(error), error, error.__traceback__)
                tb = error.__traceback__
                if tb is not None and tb.tb_frame.f_code is RawBody.__call__.__code__:
                    error.__traceback__ = tb.tb_next  # bare raise keeps it (3.11+)
                raise
            finally:
                live[0] -= 1
                if mw_open:
                    end_seen_wait(ident)
                end_output(ident, i)
                send(end_record(i, info, code_site(code)))
                ids.pop(ident, None)

    _thread.start_new_thread = mimic(orig_start_new, call=lambda self, *a, **k: start_new(*a, **k))
    if getattr(_thread, "start_new", None) is orig_start_new:
        _thread.start_new = _thread.start_new_thread

    # -- concurrent.futures and multiprocessing, when the program uses them ----------
    def hook_futures(base):
        hook_init(base.Future)
        api_add(base.Future, "result", "future")
        api_add(base.Future, "exception", "future")
        for fn in ("wait", "as_completed"):
            code = getattr(getattr(base, fn, None), "__code__", None)
            if code is not None:
                api[id(code)] = "futures_wait"
                api_codes.append(code)

    def hook_process(process):
        BaseProcess = process.BaseProcess
        orig_pjoin = BaseProcess.__dict__["join"]
        hook_init(BaseProcess)

        def pjoin_hook(p, f):
            popen = getattr(p, "_popen", None)
            if popen is None or popen.returncode is not None:
                return orig_pjoin.__get__(p, type(p))
            return waiting_call(orig_pjoin, wait_begin("process_join", p, None, f), p)

        hook_method(BaseProcess, "join", pjoin_hook)

        # In the child: its exit code as it leaves its run (os._exit follows
        # a fork's, sys.exit a spawn's), said as the parent's reap says it.
        orig_boot = BaseProcess.__dict__.get("_bootstrap")
        if orig_boot is None:
            return

        @functools.wraps(orig_boot)
        def bootstrap(self, *a, **k):
            code = orig_boot(self, *a, **k)
            if isinstance(code, int):
                try:
                    send("C %d %d %d\n" % (now(), os.getpid(), code))
                except BaseException as error:
                    oops("exit code", error)
            return code

        BaseProcess._bootstrap = bootstrap

    def hook_reap(method):
        """A hook of `Popen.<method>`, by which a parent learns how its
        child process ended when it reaps it: said as `C`, since a child
        killed by a signal says nothing itself. multiprocessing's `poll`
        (under join, exitcode, a Pool's cleanup); subprocess's
        `_handle_exitstatus` (under wait, poll, run: a child that is
        traced too if it is Python)."""

        def hook(module):
            Popen = getattr(module, "Popen", None)
            orig = getattr(Popen, "__dict__", {}).get(method)
            if orig is None:
                return

            @functools.wraps(orig)
            def reaped(self, *a, **k):
                known = self.returncode
                out = orig(self, *a, **k)
                code = self.returncode
                if known is None and isinstance(code, int):
                    try:
                        send("C %d %d %d\n" % (now(), self.pid, code))
                    except BaseException as error:
                        oops(method, error)
                return out

            setattr(Popen, method, reaped)

        return hook

    def hook_subprocess(module):
        hook_reap("_handle_exitstatus")(module)
        Popen = getattr(module, "Popen", None)
        orig = getattr(Popen, "__dict__", {}).get("_execute_child")
        if orig is None:
            return

        @functools.wraps(orig)
        def execute_child(self, *a, **k):
            # What the parent did before it started a child is said before
            # the child can say anything on its own channel.
            try:
                flush()
            except Exception as error:
                oops("_execute_child", error)
            return orig(self, *a, **k)

        Popen._execute_child = execute_child

    try_args = {}  # (code, lasti) -> None | (positional?, how to read it)

    def try_find(seq, k, f):
        """The call at k has one argument, `X`, `block=X` or `timeout=X`:
        how X can be read again, and whether it is acquire's `block`."""
        call = seq[k]
        if call.opname not in TIMEOUT_CALLS or call.arg != 1:
            return None
        j = k - 1
        while j >= 0 and seq[j].opname in ("CACHE", "PRECALL"):
            j -= 1
        names = ()
        if seq[j].opname == "KW_NAMES":
            names = f.f_code.co_consts[seq[j].arg]
        elif call.opname in ("CALL_FUNCTION_KW", "CALL_KW"):
            names = seq[j].argval
        if names:
            j -= 1
            while j >= 0 and seq[j].opname in ("CACHE", "PRECALL"):
                j -= 1
        if names not in ((), ("timeout",), ("block",)):
            return None
        how = readable(seq[j])
        return None if how is None else (names != ("timeout",), how)

    def only_tries(f):
        """The acquire being called in f (at its call) does not block:
        `acquire(False)`, `acquire(block=False)`, `acquire(timeout=0)`."""
        found = call_arg(try_args, f, try_find)
        if found is None:
            return False
        positional, how = found
        v = read_value(how, f)
        if type(v) not in (bool, int, float):
            return False
        return not v if positional else v <= 0

    def hold(*a, **k):
        """What an acquire that took its SemLock at once returns (it is held)."""
        return True

    def sem_wait(sem, kind, obj, f, orig):
        """What to call for an acquire of SemLock `sem` (of `obj`, from frame
        f) that could not take it at once: the original when the call only
        tries it, else the original as a wait, on the outermost API (an
        mp.Condition) or on the lock itself (`kind`). The holder is not
        known: maybe another process."""
        try:
            if only_tries(f):
                return orig
            api_kind, api_obj, uf = api_frame(f)
            if api_kind is not None:
                kind, obj = api_kind, api_obj
            return waiting_call(orig, wait_begin(kind, obj, None, uf))
        except BaseException as error:
            oops("SemLock", error)
            return orig

    class SemAcquire:
        """A multiprocessing lock's `acquire` (an instance attribute, the C
        SemLock's method): looks like it; calling it takes the SemLock at
        once if it is free (then the call only says so), else goes through
        sem_wait, with no frame of the tracer's on the stack while it
        blocks."""

        __slots__ = ("owner", "sem", "kind")

        def __init__(self, owner, sem, kind):
            self.owner = owner
            self.sem = sem
            self.kind = kind

        @property
        def __call__(self):
            sem = self.sem
            if sem.acquire(False):
                return hold
            return sem_wait(sem, self.kind, self.owner, getframe(1), sem.acquire)

        def __getattr__(self, name):
            return getattr(self.sem.acquire, name)

        def __repr__(self):
            return repr(self.sem.acquire)

    true_now = True.__bool__  # what `with` on a SemLock taken at once returns

    def hook_synchronize(sync):
        """multiprocessing's Lock, RLock, Semaphore, BoundedSemaphore (and the
        Condition, Event, Barrier made of them): a C SemLock under each,
        whose `acquire` the tracer cannot see block. A call that cannot take
        it at once is a wait, like a threading lock's."""
        SemLock = sync.SemLock
        hook_init(SemLock)
        for cls in (sync.Condition, sync.Event, getattr(sync, "Barrier", None)):
            if cls is not None and "__init__" in cls.__dict__:
                hook_init(cls)
        api_add(sync.Condition, "wait", "condition")
        api_add(sync.Condition, "wait_for", "condition")
        api_add(sync.Event, "wait", "event")
        orig_make = SemLock.__dict__["_make_methods"]

        def kind_of(obj):
            return "semaphore" if isinstance(obj, sync.Semaphore) else "lock"

        @functools.wraps(orig_make)
        def make_methods(self):
            orig_make(self)
            try:
                self.acquire = SemAcquire(self, self._semlock, kind_of(self))
            except BaseException as error:
                oops("SemLock", error)

        SemLock._make_methods = make_methods

        def enter_hook(obj, f):
            sem = obj._semlock
            if sem.acquire(False):
                return true_now
            return sem_wait(sem, kind_of(obj), obj, f, sem.__enter__)

        hook_method(SemLock, "__enter__", enter_hook)

    later = {
        "subprocess": hook_subprocess,
        "multiprocessing.synchronize": hook_synchronize,
        "concurrent.futures._base": hook_futures,
        "multiprocessing.process": hook_process,
        "multiprocessing.popen_fork": hook_reap("poll"),
        "multiprocessing.popen_forkserver": hook_reap("poll"),
    }

    def hook_loaded():
        for name in list(later):
            module = sys.modules.get(name)
            if module is not None:
                fn = later.pop(name)
                try:
                    fn(module)
                except Exception as error:
                    oops(name, error)

    no_site = {"block": False}

    class Finder:
        """Hooks a module right after it is first imported; keeps `import
        sitecustomize` failing as it would when the user has none."""

        @staticmethod
        def find_spec(name, path=None, target=None):
            if no_site["block"]:
                if name == "sitecustomize":
                    raise ModuleNotFoundError("No module named %r" % name, name=name)
                if "sitecustomize" in sys.modules and sys.modules["sitecustomize"] is None:
                    del sys.modules["sitecustomize"]
            fn = later.get(name)
            if fn is None:
                return None
            import importlib.machinery

            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec is None or spec.loader is None:
                return spec
            orig_exec = spec.loader.exec_module

            def exec_module(module):
                orig_exec(module)
                if later.pop(name, None) is not None:
                    try:
                        fn(module)
                    except Exception as error:
                        oops(name, error)

            try:
                spec.loader.exec_module = exec_module
            except Exception:
                pass
            return spec

    finder = Finder()
    hook_loaded()
    sys.meta_path.insert(0, finder)
    globals()["_threadline_no_site"] = no_site

    # -- output -----------------------------------------------------------------------
    pending = ({}, {}, {})  # per stream (1, 2): ident -> [pieces, size]
    # Threads whose unfinished line already went out as a flushed piece:
    # the line's end is written at once too, so that raw output the program
    # writes next (os.write(1, ...)) does not overtake it.
    flushed_open = (set(), set(), set())

    # The real stream each stream's lines are also written to, itself
    # (`THREADLINE_STDOUT=tee`, plain mode), or None.
    tee_to = [None, None, None]

    def emit(ident, stream, text, more, newline=None):
        """Report thread ident's text on stream (a piece if more); with a
        tee, write it there first, with the newline the program wrote
        (`newline`: the line was ended by one; by default, when not more)."""
        out = tee_to[stream]
        if out is not None:
            if newline is None:
                newline = not more
            out.write(text + "\n" if newline else text)
        if mw_open:
            end_seen_wait(ident)
        i = ids.get(ident)
        if i is None:
            i = me()
        t = now()
        while len(text) > CHUNK:
            send("T %d %d %d 1 %s\n" % (t, i, stream, enc(text[:CHUNK])))
            text = text[CHUNK:]
        send("T %d %d %d %d %s\n" % (t, i, stream, more, enc(text)))

    def end_output(ident, i=None):
        if ident in pending[1] or ident in pending[2]:
            for stream in (1, 2):
                p = pending[stream].pop(ident, None)
                if p:
                    # With a tee, said as the piece it is on the terminal.
                    emit(ident, stream, "".join(p[0]), int(tee_to[stream] is not None), False)

    def all_output(more):
        """Every thread's unfinished line: as ended (0), or as a piece
        that more will follow (1)."""
        for stream in (1, 2):
            for ident in list(pending[stream]):
                p = pending[stream].pop(ident, None)
                if p:
                    emit(ident, stream, "".join(p[0]), more or int(tee_to[stream] is not None), False)

    class Lines:
        """Stands in for sys.stdout / sys.stderr: each thread's text is cut
        into lines and reported with the thread that wrote it. Unfinished
        lines are kept as a list of pieces (linear in their length)."""

        def __init__(self, inner, stream, tee=False):
            object.__setattr__(self, "_inner", inner)
            object.__setattr__(self, "_stream", stream)
            object.__setattr__(self, "_pend", pending[stream])
            object.__setattr__(self, "_flushed", flushed_open[stream])
            object.__setattr__(self, "_tee", tee)
            if tee:
                # Each thread's whole lines (and the pieces it flushes) go
                # to the real stream as `emit` reports them: one write each,
                # as a thread's print is not torn by another's there.
                tee_to[stream] = inner

        def write(self, text):
            if type(text) is not str:
                if not isinstance(text, str):
                    return self._inner.write(text)
                text = str(text)
            if not text:
                return 0
            ident = get_ident()
            pend = self._pend
            if "\n" not in text:
                p = pend.get(ident)
                if p is None:
                    pend[ident] = [[text], len(text)]
                    if len(text) > CHUNK:
                        self._spill(ident)
                else:
                    p[0].append(text)
                    p[1] += len(text)
                    if p[1] > CHUNK:
                        self._spill(ident)
                return len(text)
            lines = text.split("\n")
            p = pend.pop(ident, None)
            opened = self._flushed
            was_open = ident in opened
            if p is not None:
                p[0].append(lines[0])
                lines[0] = "".join(p[0])
            rest = lines.pop()
            stream = self._stream
            for line in lines:
                emit(ident, stream, line, 0)
            if was_open:
                opened.discard(ident)
                flush()
            if rest:
                pend[ident] = [[rest], len(rest)]
                if len(rest) > CHUNK:
                    self._spill(ident)
            return len(text)

        def _spill(self, ident):
            # Hand over whole chunks of a long unfinished line, keep the rest.
            p = self._pend[ident]
            text = "".join(p[0])
            cut = len(text) - len(text) % CHUNK
            if cut == len(text):
                cut -= CHUNK
            emit(ident, self._stream, text[:cut], 1)
            rest = text[cut:]
            p[0] = [rest]
            p[1] = len(rest)

        def writelines(self, lines):
            for line in lines:
                self.write(line)

        def flush(self):
            # Hand over the unfinished line now, as a piece (a prompt shows
            # before it is answered), without ending it: threadline joins them.
            ident = get_ident()
            p = self._pend.pop(ident, None)
            if p:
                emit(ident, self._stream, "".join(p[0]), 1)
                self._flushed.add(ident)
            if self._tee:
                self._inner.flush()
            flush()

        def __getattr__(self, name):
            return getattr(self._inner, name)

        def __setattr__(self, name, value):
            setattr(self._inner, name, value)

    def shares(fd):
        """A process started by exec writes to its fd as its parent does
        (both to the terminal, say): its lines are the run's to show. One
        whose parent reads them (`subprocess.run(..., capture_output=True)`)
        or sends them to a file keeps them so, untouched."""
        if root:
            return True
        try:
            mine = os.fstat(fd)
            theirs = os.stat("/proc/%d/fd/%d" % (os.getppid(), fd))
        except OSError:
            return False
        return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)

    if sys.stdout is not None and shares(1):
        sys.stdout = Lines(sys.stdout, 1, stdout_mode == "tee")
    if sys.stderr is not None and stderr_mode != "direct" and shares(2):
        sys.stderr = Lines(sys.stderr, 2)

    # -- the end -------------------------------------------------------------------
    shut = {"done": False}
    orig_shutdown = threading._shutdown

    def shutdown_get(self):
        if shut["done"]:
            return orig_shutdown
        shut["done"] = True
        # Main's own unfinished line ends with its code; other threads go on
        # (a daemon may be between two pieces of one print): theirs end
        # with them, or at the exit.
        end_output(get_ident())
        value = getattr(sys, "last_value", None)
        if value is not None and shut.get("last") is not value:
            rec = "M %d exc %s %s %s\n" % (now(), tb_site(getattr(sys, "last_traceback", None)),
                                          short(type(value).__qualname__), short(value, 500))
        else:
            rec = "M %d ok -\n" % now()
        send(rec)
        flush()
        ident = get_ident()
        waiting[ident] = (ident, 0, "-", None)  # the monitor leaves main alone
        return ShutDone(orig_shutdown)

    class ShutDone(functools.partial):
        __slots__ = ()

        def __del__(self):
            try:
                end_shutdown()
            except BaseException as error:
                oops("shutdown", error)

    def end_shutdown():
        waiting.pop(get_ident(), None)
        send("Z %d\n" % now())
        flush()

    orig_unraisable = sys.unraisablehook

    def unraisable(u):
        """An exception that escaped one of the tracer's `__del__`s: a
        signal's handler that raised (Ctrl-C, `_thread.interrupt_main()`),
        maybe as the `__del__` began, before its `try`. What that `__del__`
        does is done here, and a KeyboardInterrupt goes on to the program."""
        f = getattr(u, "object", None)
        if f is Done.__del__ or f is SleepDone.__del__ or f is ShutDone.__del__:
            try:
                if f is ShutDone.__del__:
                    end_shutdown()
                else:
                    tok = waiting.get(get_ident())
                    if tok is not None:
                        end_wait(tok)
            except BaseException as error:
                oops("wait end", error)
            if isinstance(u.exc_value, KeyboardInterrupt):
                # Raised again in main once this frame is gone: from a weak
                # reference's callback (C code) as the frame's locals are
                # cleared, so that no check for signals in a frame of the
                # tracer's sees it first; the program's own next one does.
                token = Token()
                again = collections.defaultdict(_thread.interrupt_main)
                ref = weakref.ref(token, again.__getitem__)
                hash(ref)  # kept once the referent is gone: `again` looks it up
                rearms.append(ref)
                return
        orig_unraisable(u)

    class Token:
        __slots__ = ("__weakref__",)

    rearms = []  # the weak references that raise again (one per interrupt)
    sys.unraisablehook = unraisable

    threading._shutdown = mimic(orig_shutdown, getter=shutdown_get)
    shut["last"] = getattr(sys, "last_value", None)

    orig_os_exit = os._exit

    def os_exit(*a, **k):
        # One frame of the tracer's under the caller's: the process ends
        # here (unless the status is not an int, and CPython raises).
        given = a + tuple(k.values())
        status = given[0] if len(given) == 1 else None
        if isinstance(status, int):
            try:
                f = getframe(2)
                send("X %d %d %s %d\n" % (now(), me(), site_of(f), status & 0xFF))
                all_output(1)
                flush()
            except BaseException as error:
                oops("os._exit", error)
        orig_os_exit(*a, **k)

    os._exit = mimic(orig_os_exit, call=lambda self, *a, **k: os_exit(*a, **k))

    import atexit

    def at_exit():
        all_output(0)
        flush()
        cache_bytecode()

    def cache_bytecode():
        # The tracer lives in threadline's cache directory: leave its
        # bytecode there (once per interpreter version), so later runs do not
        # compile it again, even where PYTHONDONTWRITEBYTECODE is set (it only
        # stops writing; a cached file is still read).
        if "%sthreadline%stracer-" % (os.sep, os.sep) not in tracer_file:
            return
        try:
            import importlib.util

            cfile = importlib.util.cache_from_source(tracer_file)
            if not os.path.exists(cfile):
                import py_compile

                py_compile.compile(tracer_file, cfile=cfile, doraise=True)
        except Exception:
            pass

    atexit.register(at_exit)  # registered first, so it runs last

    # -- the monitor: lock waits CPython cannot report ----------------------------------
    mon = {"ident": None}

    def start_monitor():
        try:
            mon["ident"] = orig_start_new(monitor_main, ())
        except Exception as error:
            oops("monitor", error)

    def monitor_main():
        try:
            monitor_loop()
        except BaseException as error:
            if not isinstance(error, SystemExit):
                oops("monitor", error)

    # Code whose lock acquires are waits the tracer reports itself (or, for
    # start(), the N/R pair): the monitor leaves threads there alone.
    known_waits = {orig_cond_wait.__code__}
    for fn in ("_wait_for_tstate_lock", "join"):
        code = getattr(Thread.__dict__.get(fn), "__code__", None)
        if code is None:
            code = getattr(getattr(Thread.__dict__.get(fn), "orig", None), "__code__", None)
        if code is not None:
            known_waits.add(code)
    code = getattr(orig_shutdown, "__code__", None)
    if code is not None:
        known_waits.add(code)

    # The monitor's code lives in a function of its own (below) so that it
    # can be read on its own; it needs these.
    monitor_loop = _monitor(
        locals_for_monitor=dict(
            q=q, flush=flush, idle=idle, wake=wake, live=live, waiting=waiting,
            ids=ids, now=now, send=send, is_lib_file=is_lib_file, site_of=site_of,
            obj_id=obj_id, instructions=instructions, tid_of=tid_of,
            lock_types=lock_types, mon=mon, api_frame=api_frame, file_id=file_id,
            oops=oops, version=version, tracer_file=tracer_file, mw_open=mw_open,
            known_waits=known_waits, own_attr=own_attr, NOT_OWN=NOT_OWN,
            end_seen_wait=end_seen_wait, created=created,
            cond_wait_code=orig_cond_wait.__code__,
            join_code=getattr(orig_join, "__code__", None),
        )
    )

    # -- fork ----------------------------------------------------------------------------
    def before_fork():
        try:
            flush()
        except Exception:
            pass

    def after_fork_in_child():
        # Another process: its own records, framed by its own pid, its own ids.
        try:
            ident = get_ident()
            old = ids.get(ident, 0)
            st["pid"] = os.getpid()
            header[0] = "P %d\n" % st["pid"]
            q.clear()
            flush_lock[0] = _thread.RLock()
            wake[0] = _thread.allocate_lock()
            wake[0].acquire()
            idle[0] = False
            ids.clear()
            ids[ident] = 0
            counter[0] = 0
            live[0] = 1
            waiting.clear()
            thread_tid.clear()
            files.clear()
            sites.clear()
            code_sites.clear()
            # Kept sites and object ids name the parent's file and object
            # ids: the child numbers its own.
            cond_seen.clear()
            last_site[0] = (None, -1, "-")
            for e in created.values():
                e[4] = 0
            oids[0] = 0
            for p in pending + flushed_open:
                p.clear()
            shut["done"] = False
            shut["last"] = getattr(sys, "last_value", None)
            hello(old)
            start_monitor()
            # Said at once: a child can be gone (Pool.terminate's SIGTERM)
            # before the monitor's next flush.
            flush()
        except Exception as error:
            oops("fork", error)

    if hasattr(os, "register_at_fork"):
        os.register_at_fork(before=before_fork, after_in_child=after_fork_in_child)

    # 3.12 and later warn at os.fork() when the process has more than one OS
    # thread. The monitor is one the program did not make: where it is the
    # only other, the program forks with that warning ignored, as it would
    # untraced. (A program with threads of its own gets the warning from
    # the call itself, no frame of the tracer in between.)
    orig_fork = getattr(os, "fork", None)

    def os_threads():
        try:
            with open("/proc/self/stat", "rb") as fh:
                return int(fh.read().rpartition(b")")[2].split()[17])
        except Exception:
            return 0

    def fork_alone():
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
            return orig_fork()

    def fork_getter(self):
        if mon["ident"] is not None and os_threads() == 2:
            return fork_alone
        return orig_fork

    if orig_fork is not None and sys.version_info >= (3, 12):
        os.fork = mimic(orig_fork, getter=fork_getter)

    # A new program started here (exec, spawn, system) is said after
    # everything this one did before it: the records waiting are written
    # first (exec would lose them; a child's come on a channel of its own).
    def flushed_first(orig):
        def getter(self):
            try:
                flush()
            except Exception:
                pass
            return orig

        return mimic(orig, getter=getter)

    for name in ("system", "posix_spawn", "posix_spawnp", "execv", "execve"):
        if hasattr(os, name):
            setattr(os, name, flushed_first(getattr(os, name)))

    def hello(forked_from=None):
        gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
        how = "fork" if forked_from is not None else ("root" if root else "exec")
        send("V %d %d %d %d %d %s %s %s\n" % (
            PROTOCOL, st["pid"], os.getppid(), now(), 1 if gil else 0, how,
            enc(sys.version.split()[0]), enc(" ".join(sys.argv)[:NAME])))
        send("R %d 0 %d -\n" % (now(), get_native_id()))

    ids[get_ident()] = 0
    hello()
    start_monitor()
    return True


def _monitor(locals_for_monitor):
    """The monitor thread's loop. At most 100 Hz, only while at least two
    threads live and one of them is not in a wait the tracer already knows;
    otherwise it flushes the channel every 20 ms while records wait, and
    sleeps on a lock (no CPU) when there are none. Called on the main
    thread as the tracer starts: its imports are done there (see _Tracer)."""
    import _signal
    import _thread
    import dis
    import operator
    import sys
    import threading

    g = locals_for_monitor
    q, flush, idle, wake, live, waiting = g["q"], g["flush"], g["idle"], g["wake"], g["live"], g["waiting"]
    ids, now, send, site_of = g["ids"], g["now"], g["send"], g["site_of"]
    obj_id, instructions = g["obj_id"], g["instructions"]
    api_frame, file_id, oops, version, tracer_file = g["api_frame"], g["file_id"], g["oops"], g["version"], g["tracer_file"]
    mw_open, end_seen_wait, created = g["mw_open"], g["end_seen_wait"], g["created"]
    known_waits = g["known_waits"]
    is_lib_file, cond_wait_code, join_code = g["is_lib_file"], g["cond_wait_code"], g["join_code"]
    get_ident = _thread.get_ident
    current_frames = sys._current_frames
    LockType = type(_thread.allocate_lock())
    RLockType = _thread.RLock
    try:
        import _queue

        SimpleQueue = _queue.SimpleQueue
    except ImportError:  # pragma: no cover
        SimpleQueue = ()
    # what own_attr() returns for "no such attribute", and this loop's own sentinel
    MISSING = g["NOT_OWN"]
    safe_attr = g["own_attr"]  # obj.name without running the program's code
    SAMPLE = 0.01  # 100 Hz
    TICK = 0.02  # flush delay when nobody could be blocked
    LONE = 0.05  # between samples while one thread runs

    WITH_OPS = ("SETUP_WITH", "BEFORE_WITH")
    CALL_OPS = ("CALL", "CALL_METHOD", "CALL_FUNCTION", "CALL_FUNCTION_KW", "CALL_KW")
    BASE_OPS = ("LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_NAME", "LOAD_GLOBAL", "LOAD_DEREF",
                "LOAD_CLASSDEREF", "LOAD_FROM_DICT_OR_DEREF")
    ARG_OPS = ("LOAD_CONST", "LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_NAME", "LOAD_GLOBAL",
               "LOAD_DEREF", "KW_NAMES", "PRECALL", "PUSH_NULL", "LOAD_ATTR", "CACHE")
    WAIT_METHODS = ("acquire", "__enter__", "get")

    # Arithmetic on ints in an index (`forks[(i + 1) % 5]`): computed only
    # when both sides are exact ints, so no user code can run.
    OLD_BINARY = {"BINARY_ADD": "+", "BINARY_SUBTRACT": "-", "BINARY_MULTIPLY": "*",
                  "BINARY_MODULO": "%", "BINARY_FLOOR_DIVIDE": "//"}  # <= 3.10
    INT_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul,
               "%": operator.mod, "//": operator.floordiv}
    EXPR_OPS = BASE_OPS + ("LOAD_ATTR", "LOAD_METHOD", "LOAD_CONST", "BINARY_SUBSCR",
                           "LOAD_FAST_LOAD_FAST", "CACHE", "PUSH_NULL", "BINARY_OP") + tuple(OLD_BINARY)

    def op_of(x):
        if x.opname == "BINARY_OP":
            return ("BINARY_OP", x.argrepr)
        b = OLD_BINARY.get(x.opname)
        return ("BINARY_OP", b) if b else (x.opname, x.argval)

    def expr_before(seq, k):
        """The plain expression ending just before seq[k], as a tuple of
        (op, arg): names, attributes, constants and subscripts only."""
        j = k - 1
        while j >= 0 and seq[j].opname in EXPR_OPS:
            j -= 1
        ops = tuple(op_of(x) for x in seq[j + 1:k] if x.opname not in ("CACHE", "PUSH_NULL"))
        # Keep the shortest tail that computes one value (earlier loads may
        # belong to an enclosing expression, e.g. a call's callable).
        for start in range(len(ops) - 1, -1, -1):
            tail = ops[start:]
            if stack_effect(tail) == 1 and tail[0][0] in BASE_OPS + ("LOAD_FAST_LOAD_FAST",):
                return tail
        return None

    def stack_effect(ops):
        """The values a run of ops leaves (None if it needs more than it has)."""
        n = 0
        for op, _ in ops:
            if op in ("BINARY_SUBSCR", "BINARY_OP"):
                if n < 2:
                    return None
                n -= 1
            elif op in ("LOAD_ATTR", "LOAD_METHOD"):
                if n < 1:
                    return None
            elif op == "LOAD_FAST_LOAD_FAST":
                n += 2
            else:
                n += 1
        return n

    classified = {}  # (code, lasti) -> False | ("with"|"call", expr, method)

    def classify(code, lasti):
        seq, at = instructions(code)
        k = at.get(lasti)
        if k is None:
            return False
        ins = seq[k]
        if ins.opname in WITH_OPS:
            e = expr_before(seq, k)
            return ("with", e, "__enter__", True) if e else False
        if ins.opname in CALL_OPS:
            j = k - 1
            steps = 0
            while j >= 0 and steps < 12:
                x = seq[j]
                if x.opname in ("LOAD_METHOD", "LOAD_ATTR") and x.argval in WAIT_METHODS:
                    e = expr_before(seq, j)
                    # No timeout: `acquire()`, `get()`, `acquire(True)`.
                    args = [a for a in seq[j + 1:k] if a.opname not in ("CACHE", "PRECALL", "PUSH_NULL")]
                    untimed = not args or (
                        len(args) == 1 and args[0].opname == "LOAD_CONST" and args[0].argval is True
                    )
                    return ("call", e, x.argval, untimed) if e else False
                if x.opname not in ARG_OPS:
                    return False
                j -= 1
                steps += 1
        return False

    def load(op, name, f):
        if op == "LOAD_GLOBAL":
            v = f.f_globals.get(name, MISSING)
            return f.f_builtins.get(name, MISSING) if v is MISSING else v
        try:
            loc = f.f_locals
            v = loc[name] if name in loc else MISSING
        except Exception:
            v = MISSING
        if v is MISSING and op == "LOAD_NAME":
            v = f.f_globals.get(name, MISSING)
            if v is MISSING:
                v = f.f_builtins.get(name, MISSING)
        return v

    def subscript(container, key):
        # Only where no user code can run: exact lists and tuples with an
        # int, exact dicts with a key of a builtin type.
        t = type(container)
        if t is list or t is tuple:
            if type(key) is int and -len(container) <= key < len(container):
                return container[key]
            return MISSING
        if t is dict and type(key) in (int, str, tuple, bytes, float, bool):
            return container.get(key, MISSING)
        return MISSING

    def named(expr, f):
        """(the value of expr in frame f, or MISSING; its text with each
        subscript's key written as its value when that is an int or a str:
        `forks[(i + 1) % 5]` reads `forks[3]`, the lock it is)."""
        stack = []
        for op, arg in expr:
            if op == "LOAD_CONST":
                stack.append((arg, repr(arg)))
            elif op == "LOAD_FAST_LOAD_FAST":
                stack.append((load("LOAD_FAST", arg[0], f), arg[0]))
                stack.append((load("LOAD_FAST", arg[1], f), arg[1]))
            elif op in ("LOAD_ATTR", "LOAD_METHOD"):
                v, t = stack.pop()
                stack.append((MISSING if v is MISSING else safe_attr(v, arg), "%s.%s" % (t, arg)))
            elif op == "BINARY_SUBSCR":
                key, kt = stack.pop()
                c, ct = stack.pop()
                if type(key) in (int, str):
                    kt = repr(key)
                elif kt.startswith("(") and kt.endswith(")"):
                    kt = kt[1:-1]
                v = MISSING if c is MISSING or key is MISSING else subscript(c, key)
                stack.append((v, "%s[%s]" % (ct, kt)))
            elif op == "BINARY_OP":
                b, bt = stack.pop()
                a, at = stack.pop()
                fn = INT_OPS.get(arg)
                v = MISSING
                if fn is not None and type(a) is int and type(b) is int:
                    try:
                        v = fn(a, b)
                    except ZeroDivisionError:
                        pass
                stack.append((v, "(%s %s %s)" % (at, arg, bt)))
            else:
                stack.append((load(op, arg, f), str(arg)))
        return stack[-1] if len(stack) == 1 else (MISSING, "?")

    def evaluate(expr, f):
        return named(expr, f)[0]

    def expr_text(expr):
        """(text, the name whose store made it: the last attribute, or the
        container's name for a subscript)."""
        stack = []
        for op, arg in expr:
            if op == "LOAD_CONST":
                stack.append((repr(arg), None))
            elif op == "LOAD_FAST_LOAD_FAST":
                stack.extend([(arg[0], arg[0]), (arg[1], arg[1])])
            elif op in ("LOAD_ATTR", "LOAD_METHOD"):
                t, _ = stack.pop()
                stack.append(("%s.%s" % (t, arg), arg))
            elif op == "BINARY_SUBSCR":
                k, _ = stack.pop()
                t, n = stack.pop()
                if k.startswith("(") and k.endswith(")"):
                    k = k[1:-1]
                stack.append(("%s[%s]" % (t, k), n))
            elif op == "BINARY_OP":
                b, _ = stack.pop()
                a, _ = stack.pop()
                stack.append(("(%s %s %s)" % (a, arg, b), None))
            else:
                stack.append((str(arg), str(arg)))
        return stack[-1] if stack else ("?", None)

    def rlock_owner(lock):
        r = repr(lock)
        k = r.find("owner=")
        if k < 0:
            return None
        j = k + 6
        e = j
        while e < len(r) and r[e].isdigit():
            e += 1
        try:
            owner = int(r[j:e])
        except ValueError:
            return None
        return owner or None

    def blocked(obj, ident, method):
        """Would a thread at this acquire wait now? (Not: it got the lock
        and waits for the GIL; not: it already owns this RLock.)"""
        t = type(obj)
        if t is LockType:
            return method != "get" and obj.locked()
        if t is RLockType:
            if method == "get":
                return False
            owner = rlock_owner(obj)
            return owner is not None and owner != ident
        if SimpleQueue and t is SimpleQueue:
            return method == "get" and obj.empty()
        return False

    # -- with blocks: who holds a plain Lock ---------------------------------------
    blocks_cache = {}

    def exception_table(code):
        parse = getattr(dis, "_parse_exception_table", None)
        return parse(code) if parse is not None else []

    def with_blocks(code):
        """[(start, test, expr)]: a frame at offset x is inside the block
        when test(x); test is a range (<= 3.10) or a handler chain (3.11+)."""
        r = blocks_cache.get(code)
        if r is not None:
            return r
        seq, at = instructions(code)
        r = []
        if version < (3, 11):
            for k, ins in enumerate(seq):
                if ins.opname == "SETUP_WITH":
                    e = expr_before(seq, k)
                    if e:
                        r.append((ins.offset, ("range", ins.offset, ins.argval), e))
        else:
            entries = exception_table(code)
            for k, ins in enumerate(seq):
                if ins.opname == "BEFORE_WITH" and k + 1 < len(seq):
                    e = expr_before(seq, k)
                    nxt = seq[k + 1].offset
                    h = None
                    for en in entries:
                        if en.start <= nxt < en.end:
                            h = en.target
                            break
                    if e and h is not None:
                        r.append((ins.offset, ("chain", h, entries), e))
        if len(blocks_cache) > 5000:
            blocks_cache.clear()
        blocks_cache[code] = r
        return r

    def inside(test, x):
        if test[0] == "range":
            return test[1] < x < test[2]
        h, entries = test[1], test[2]
        seen = 0
        while seen < 20:
            nxt = None
            for en in entries:
                if en.start <= x < en.end:
                    nxt = en.target
                    break
            if nxt is None:
                return False
            if nxt == h:
                return True
            if nxt == x:
                return False
            x = nxt
            seen += 1
        return False

    def holds(f, lock):
        code = f.f_code
        if code.co_filename == tracer_file:
            return False
        x = f.f_lasti
        for start, test, expr in with_blocks(code):
            if start < x and inside(test, x):
                v = evaluate(expr, f)
                if v is lock or (v is not MISSING and safe_attr(v, "_lock") is lock):
                    return True
        return False

    def holder_of(lock, ident, frames):
        t = type(lock)
        if t is RLockType:
            owner = rlock_owner(lock)
            return ids.get(owner) if owner else None
        if t is not LockType:
            return None
        # Another thread first; the waiter itself last (a `with lock:` it
        # is inside of: a Lock is not reentrant).
        order = [k for k in frames if k != ident]
        if ident in frames:
            order.append(ident)
        for other in order:
            f = frames[other]
            while f is not None:
                try:
                    if holds(f, lock):
                        return ids.get(other)
                except Exception:
                    pass
                f = f.f_back
        return None

    # -- lazily found sites (3.13 Lock, locks the stdlib made) ---------------------
    store_sites = {}

    def store_site(filename, name):
        """Where `name` (a plain or attribute name) is first stored in filename."""
        key = (filename, name)
        if key in store_sites:
            return store_sites[key]
        site = "-"
        try:
            with open(filename, "rb") as source:
                src = source.read()
            if src:
                top = compile(src, filename, "exec", dont_inherit=True)
                todo = [top]
                best = None
                while todo:
                    code = todo.pop()
                    for c in code.co_consts:
                        if hasattr(c, "co_code"):
                            todo.append(c)
                    seq, _ = instructions(code)
                    for k, ins in enumerate(seq):
                        if ins.opname.startswith("STORE_") and ins.argval == name:
                            ln = None
                            for b in range(k, -1, -1):
                                if seq[b].starts_line:
                                    ln = seq[b].starts_line
                                    if ln is True:  # 3.13: starts_line is a bool
                                        ln = seq[b].line_number
                                    break
                            if ln and (best is None or ln < best):
                                best = ln
                if best:
                    site = "%d:%d" % (file_id(filename), best)
        except Exception:
            site = "-"
        store_sites[key] = site
        return site

    # -- waits for good: no timeout, and lasting ----------------------------------
    # A wait with no timeout that has lasted LASTING is reported (`G`), so
    # that threadline can tell a program whose every thread waits for good
    # (a stall) from one that only waits a while. Judged once a wait.
    LASTING = 100_000_000  # ns
    LASTING_SAMPLES = LASTING // int(SAMPLE * 1e9)
    judged = {}  # ident -> the hooked wait (its token) judged last
    pending = {}  # ident -> (token, when first seen)

    def handlers_set():
        """Whether the program set a signal handler of its own: one could
        end main's wait (a lock's acquire, a sleep) when a signal comes."""
        for n in _signal.valid_signals():
            try:
                h = _signal.getsignal(n)
            except Exception:
                continue
            if callable(h) and h is not _signal.default_int_handler:
                return True
        return False

    def untimed(f):
        """Whether the hooked wait a thread is in (its innermost frame f)
        has no timeout: the innermost Condition.wait or Thread.join among
        the library frames it blocks in, by its `timeout`."""
        n = 0
        while f is not None and n < 12:
            code = f.f_code
            if code is cond_wait_code or code is join_code:
                try:
                    return f.f_locals.get("timeout", 0) is None
                except Exception:
                    return False
            if not is_lib_file(code.co_filename):
                return False
            f = f.f_back
            n += 1
        return False

    def for_good(ident, tid, site, t):
        if ident != threading.main_thread().ident or not handlers_set():
            send("G %d %d %s\n" % (t, tid, site))

    def lasting(frames, t):
        """Report each hooked wait that has no timeout and has lasted;
        true while one is still to be judged."""
        more = False
        for ident, tok in list(waiting.items()):
            if judged.get(ident) is tok:
                continue
            p = pending.get(ident)
            if p is None or p[0] is not tok:
                pending[ident] = (tok, t)
                more = True
            elif t - p[1] < LASTING:
                more = True
            else:
                del pending[ident]
                judged[ident] = tok
                f = frames.get(ident)
                if f is not None and untimed(f) and waiting.get(ident) is tok:
                    for_good(ident, tok[1], tok[2], t)
        for k in [k for k in pending if k not in waiting]:
            del pending[k]
        for k in [k for k in judged if k not in waiting]:
            del judged[k]
        return more

    # -- the loop -------------------------------------------------------------------
    me = None  # the monitor's own thread: set when loop() starts on it

    def program_frames():
        """`sys._current_frames()` as the program sees it: its own threads'
        (the monitor's thread is the tracer's, as `threading.enumerate()`
        leaves it out too)."""
        frames = current_frames()
        frames.pop(me, None)
        return frames

    sys._current_frames = program_frames
    mwaits = {}  # ident -> [frame, lasti, obj, tid, site, holder, checks, untimed]
    seen = {}  # ident -> (frame, lasti, obj, first time)

    def end_wait(ident, w, at):
        end_seen_wait(ident)

    def sample():
        frames = current_frames()
        t = now()
        gone = [k for k in mwaits if k not in frames]
        for k in gone:
            end_wait(k, mwaits.pop(k), t)
        for ident, f in frames.items():
            if ident == me:
                continue
            w = mwaits.get(ident)
            if w is not None and ident not in mw_open:
                del mwaits[ident]  # the thread ended it itself
                w = None
            if ident in waiting:
                if w is not None:
                    end_wait(ident, mwaits.pop(ident), t)
                seen.pop(ident, None)
                continue
            if w is not None:
                if w[0] is f and w[1] == f.f_lasti:
                    w[6] += 1
                    if w[7] and w[6] == LASTING_SAMPLES:
                        for_good(ident, w[3], w[4], t)
                    if w[5] is None and w[6] % 10 == 0:
                        h = holder_of(w[2], ident, frames)
                        if h is not None:
                            w[5] = h
                            send("H %d %d %d\n" % (t, w[3], h))
                    continue
                end_wait(ident, mwaits.pop(ident), t)
            code = f.f_code
            if code.co_filename == tracer_file or code in known_waits:
                continue
            key = (code, f.f_lasti)
            info = classified.get(key)
            if info is None:
                try:
                    info = classify(code, f.f_lasti)
                except Exception:
                    info = False
                if len(classified) > 20000:
                    classified.clear()
                classified[key] = info
            if info is False:
                seen.pop(ident, None)
                continue
            obj = evaluate(info[1], f)
            if obj is MISSING:
                seen.pop(ident, None)
                continue
            if type(obj) not in (LockType, RLockType, SimpleQueue or LockType):
                # cv.acquire(), or anything else standing for its _lock
                inner = safe_attr(obj, "_lock")
                if type(inner) in (LockType, RLockType):
                    report_as, obj = obj, inner
                else:
                    report_as = None
            else:
                report_as = None
            if not blocked(obj, ident, info[2]):
                seen.pop(ident, None)
                continue
            s = seen.get(ident)
            if s is None or s[0] is not f or s[1] != f.f_lasti or s[2] is not obj:
                seen[ident] = (f, f.f_lasti, obj, t)
                continue
            # Seen blocked at the same place twice in a row: a wait.
            del seen[ident]
            tid = ids.get(ident)
            if tid is None:
                continue
            kind = "queue_get" if info[2] == "get" else "lock"
            _, api_obj, uf = api_frame(f)
            report = api_obj if api_obj is not None else (report_as or obj)
            hint = None
            if report is obj or report is report_as:
                # What the waiting line calls it; where that name was stored
                # only when the lock's creation was not seen (3.13).
                known = created.get(id(report))
                _, stored = expr_text(info[1])
                text = named(info[1], f)[1]
                noted = known is not None and known[1] is not None
                if not noted:
                    # A module-level name for it wins over the waiter's
                    # local one (`second`, a parameter): three locks are
                    # not all called `second`.
                    # So does one for its owner (`x.lock` for `a.lock`).
                    attr = text.rpartition(".")[2] if "." in text else None
                    try:
                        for k, v in list(f.f_globals.items()):
                            if k.startswith("__"):
                                continue
                            if v is report:
                                text = stored = k
                                break
                            if attr is not None:
                                if safe_attr(v, attr) is report:
                                    text = "%s.%s" % (k, attr)
                                    break
                    except Exception:
                        pass
                hint = (text, "-" if noted or not stored else store_site(f.f_code.co_filename, stored))
            holder = holder_of(obj, ident, frames) if kind == "lock" else None
            site = site_of(f)
            o = obj_id(report, hint)
            send("W %d %d %s %s %s %s\n" % (s[3], tid, kind, o, "-" if holder is None else holder, site))
            mwaits[ident] = [f, f.f_lasti, obj, tid, site, holder, 0, info[3]]
            mw_open[ident] = (tid, site)
        more = lasting(frames, t) if waiting else False
        del frames
        if mwaits:
            flush()
        return more

    def loop():
        # dis is imported at the first sample (on this thread, never the
        # program's), not at start-up, where it would slow the program's start.
        nonlocal me
        me = get_ident()
        while True:
            n = live[0]
            could = n - len(waiting) >= 1
            if could or mwaits:
                # Someone may be blocked where the tracer cannot see it: a
                # lone thread too (on a Lock it holds itself, or one a thread
                # that has ended kept), sampled less often.
                flush()
                try:
                    sample()
                except Exception as error:
                    oops("monitor sample", error)
                    return
                wake[0].acquire(True, SAMPLE if n >= 2 or mwaits else LONE)
            elif q:
                # Let records gather for a tick, then write them in one go.
                wake[0].acquire(True, TICK)
                flush()
            elif waiting and any(judged.get(k) is not v for k, v in list(waiting.items())):
                # A wait may yet prove to be for good: judge it once it has lasted.
                wake[0].acquire(True, LASTING / 2e9)
                try:
                    lasting(current_frames(), now())
                except Exception as error:
                    oops("monitor lasting", error)
                    return
                flush()
            else:
                # Nothing to write and nobody who could be blocked unseen:
                # sleep until a record is sent (send() pokes).
                idle[0] = True
                if q:
                    idle[0] = False
                    continue
                wake[0].acquire()
                idle[0] = False

    return loop


try:
    _threadline_install()
except Exception as _error:  # never break the user's program
    import sys as _sys

    print("threadline: tracer not installed:", repr(_error), file=_sys.__stderr__)


def _threadline_chain():
    """Import the sitecustomize this file shadows, if there is one, as this
    module (so `import sitecustomize` gives the program its own)."""
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
            sys.modules["sitecustomize"] = module
            spec.loader.exec_module(module)
            return True
    return False


if not _threadline_chain():
    # No sitecustomize of the user's: `import sitecustomize` must fail as it
    # would. While site.py imports this file it must stay importable, so it
    # leaves None in sys.modules (ModuleNotFoundError, "halted"); the tracer's
    # import hook takes that out at the next import of anything, and from
    # then on answers "No module named 'sitecustomize'" itself.
    import sys as _sys

    _sys.modules["sitecustomize"] = None
    if "_threadline_no_site" in globals():
        globals()["_threadline_no_site"]["block"] = True
