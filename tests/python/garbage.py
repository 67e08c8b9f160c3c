import os
import stat
import sys


def tracer_fd():
    # The tracer's channel: the write end of a pipe, moved up to 256 or
    # beyond (docs/tracer-protocol.md).
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd < 256:
            continue
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode) and os.get_blocking(fd) and \
                    os.readlink("/proc/self/fd/%d" % fd).startswith("pipe:"):
                import fcntl

                if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_WRONLY:
                    return fd
        except OSError:
            pass
    raise SystemExit("no tracer channel")


FD = tracer_fd()
os.write(FD, b"this is not a record\n")
os.write(FD, b'{"e":"nonsense","t":0,"at":1}\n')
print("still fine")
# Its record out now, not from the monitor's thread in the middle of the
# long write below (more than a pipe's atomic 4 KiB: writes may interleave).
sys.stdout.flush()
os.write(FD, b"x" * 200_000 + b"\n")
print("after the flood")
