//! The Python child process: its own process group, the event pipe, and the
//! few raw system calls (through `libc`) that std does not offer.

use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::event::Nanos;

/// CLOCK_MONOTONIC in nanoseconds: the clock Python's `time.monotonic_ns`
/// reads on Linux, so both sides share one time line.
pub fn monotonic_ns() -> Nanos {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as Nanos * 1_000_000_000 + ts.tv_nsec as Nanos
}

/// A pipe whose ends close on exec; the child keeps its write end open by
/// clearing that flag after fork.
pub fn pipe() -> io::Result<(File, OwnedFd)> {
    let mut fds = [0 as RawFd; 2];
    // SAFETY: pipe2 fills the array with two new descriptors we then own.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: both descriptors are new and owned by nobody else.
    unsafe { Ok((File::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1]))) }
}

/// A FIFO at `path` for exec'd children, opened for reading (blocking) and
/// with a write end of our own, so that it reads no end of file while
/// children come and go; drop the write end to let it end.
pub fn fifo(path: &Path) -> io::Result<(File, File)> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    // SAFETY: mkfifo reads the NUL-terminated path we own.
    if unsafe { libc::mkfifo(c.as_ptr(), 0o600) } != 0 {
        return Err(io::Error::last_os_error());
    }
    use std::os::unix::fs::OpenOptionsExt;
    let read = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)?;
    let write = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_CLOEXEC)
        .open(path)?;
    let fd = read.as_raw_fd();
    // SAFETY: fcntl on a descriptor we own, clearing O_NONBLOCK.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
    }
    Ok((read, write))
}

/// A reader that gives up: it waits for data at most 50 ms at a time and
/// reads end of file once `stop` says so, so a thread reading a pipe that
/// someone else (a program's background child) keeps open can still end.
pub struct Stoppable<R, F> {
    pub inner: R,
    pub stop: F,
}

impl<R: io::Read + AsRawFd, F: Fn() -> bool> io::Read for Stoppable<R, F> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let mut pfd = libc::pollfd {
                fd: self.inner.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: poll reads and writes the one pollfd we own.
            let r = unsafe { libc::poll(&mut pfd, 1, 50) };
            if r > 0 {
                return self.inner.read(buf); // data, or end of file (POLLHUP)
            }
            if r < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
                return Err(io::Error::last_os_error());
            }
            if (self.stop)() {
                return Ok(0);
            }
        }
    }
}

/// How to spawn the child.
pub struct Spawn<'a> {
    pub python: &'a OsString,
    pub args: &'a [OsString],
    pub tracer_dir: &'a Path,
    /// The run's own directory (FIFO, `child.conf`), second on PYTHONPATH
    /// so that processes the program starts by exec find it.
    pub run_dir: &'a Path,
    pub write_fd: &'a OwnedFd,
    pub t0: Nanos,
    pub capture: bool,
    pub foreground: bool,
    pub stderr_direct: bool,
    /// `sys.stdout` writes to the child's stdout itself (and is reported).
    pub stdout_direct: bool,
}

/// Start the child in a new process group. The flag tells whether that group
/// was made the terminal's foreground group (give it back after).
pub fn spawn(s: Spawn<'_>) -> io::Result<(Child, bool)> {
    let mut path = OsString::from(s.tracer_dir.as_os_str());
    if s.run_dir != s.tracer_dir {
        path.push(":");
        path.push(s.run_dir.as_os_str());
    }
    if let Some(old) = std::env::var_os("PYTHONPATH").filter(|p| !p.is_empty()) {
        path.push(":");
        path.push(old);
    }
    let fd = s.write_fd.as_raw_fd();
    let mut cmd = Command::new(s.python);
    cmd.args(s.args)
        .env("PYTHONPATH", path)
        .env("THREADLINE_FD", fd.to_string())
        .env("THREADLINE_T0", s.t0.to_string());
    if s.stderr_direct {
        cmd.env("THREADLINE_STDERR", "direct");
    }
    if s.stdout_direct {
        cmd.env("THREADLINE_STDOUT", "tee");
    }
    if s.capture {
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
    }
    let foreground = s.foreground && we_own_the_terminal();
    // SAFETY: only async-signal-safe calls (setpgid, prctl, fcntl, signal,
    // tcsetpgrp, getpid) run between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            if libc::setpgid(0, 0) != 0 {
                return Err(io::Error::last_os_error());
            }
            // If threadline dies without cleaning up, the child goes too.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            let flags = libc::fcntl(fd, libc::F_GETFD);
            libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC);
            if foreground {
                let old = libc::signal(libc::SIGTTOU, libc::SIG_IGN);
                libc::tcsetpgrp(0, libc::getpid());
                libc::signal(libc::SIGTTOU, old);
            }
            Ok(())
        });
    }
    let child = cmd.spawn()?;
    // Also from this side, so a signal sent right away reaches the group.
    // SAFETY: setpgid on our own child; failure (already exec'd) is harmless.
    unsafe { libc::setpgid(child.id() as libc::pid_t, child.id() as libc::pid_t) };
    Ok((child, foreground))
}

fn is_tty(fd: RawFd) -> bool {
    // SAFETY: isatty only inspects the descriptor.
    unsafe { libc::isatty(fd) == 1 }
}

/// Our process group is the terminal's foreground group (not `threadline &`).
fn we_own_the_terminal() -> bool {
    // SAFETY: tcgetpgrp and getpgrp only read process state.
    is_tty(0) && unsafe { libc::tcgetpgrp(0) == libc::getpgrp() }
}

/// Give the terminal back to our own process group (after a foreground child).
pub fn take_terminal_back() {
    if !is_tty(0) {
        return;
    }
    // SAFETY: ignoring SIGTTOU around tcsetpgrp is the usual way for a
    // background group to take the terminal back; the old handler is restored.
    unsafe {
        let old = libc::signal(libc::SIGTTOU, libc::SIG_IGN);
        libc::tcsetpgrp(0, libc::getpgrp());
        libc::signal(libc::SIGTTOU, old);
    }
}

/// Send `sig` to the process group `pgid`.
pub fn signal_group(pgid: u32, sig: libc::c_int) -> io::Result<()> {
    // SAFETY: kill with a negative pid signals that process group only.
    if unsafe { libc::kill(-(pgid as libc::pid_t), sig) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Job control for a foreground child: when Ctrl-Z (or a terminal read or
/// write from the background) stops the child's group, give the terminal
/// back and stop threadline too, so the shell sees one stopped job; when
/// the shell continues us (`fg`), hand the terminal to the child again and
/// continue it. Returns when the child has exited.
pub fn follow_job_control(pid: u32) {
    loop {
        // SAFETY: waitid writes into the siginfo we own; WSTOPPED only
        // reports stops, so it never reaps the child (the reader does).
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, libc::WSTOPPED) };
        if r != 0 {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return; // the child is gone
        }
        // SAFETY: for a stop report, si_status holds the stopping signal.
        let sig = unsafe { info.si_status() };
        if sig == libc::SIGSTOP {
            continue; // threadline's own pause, or someone's explicit stop
        }
        take_terminal_back();
        // SAFETY: stop ourselves like a shell job; when continued, give the
        // terminal to the child's group and continue it.
        unsafe {
            libc::kill(libc::getpid(), libc::SIGSTOP);
            let old = libc::signal(libc::SIGTTOU, libc::SIG_IGN);
            libc::tcsetpgrp(0, pid as libc::pid_t);
            libc::signal(libc::SIGTTOU, old);
            libc::kill(-(pid as libc::pid_t), libc::SIGCONT);
        }
    }
}
