//! Samples a traced process's threads from `/proc`: what the tracer cannot
//! see from inside Python (a thread blocked in a read on a pipe or socket,
//! in `select`/`poll`, in `input()`), and whether a thread really runs.
//!
//! For each native thread id (the tracer reports them, `Decoder::natives`)
//! it reads `/proc/PID/task/TID/stat` (the scheduler state),
//! `/proc/PID/task/TID/schedstat` (CPU time in ns) and
//! `/proc/PID/task/TID/syscall` (the system call it sits in and its first
//! argument). Files stay open between samples and are re-read with `pread`
//! from offset 0 (procfs regenerates them), so a sample costs three reads
//! per thread, no opens. [`RatePolicy`] decides how often to sample.
//!
//! `watch.rs` runs it while a traced program runs.

use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::time::Duration;

/// What one thread was doing at one sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub tid: u32,
    /// The state letter of `stat`: `R` running, `S` sleeping, `D` disk, ...
    pub state: char,
    /// CPU time so far, in ns (`schedstat`'s first field).
    pub cpu_ns: u64,
    /// The system call it is blocked in, if any, with its first argument
    /// (the file descriptor of a read).
    pub syscall: Option<(i64, u64)>,
}

impl Sample {
    /// Blocked in a system call that waits for input or a timer, by name.
    pub fn blocking_call(&self) -> Option<&'static str> {
        let (nr, _) = self.syscall?;
        if self.state != 'S' && self.state != 'D' {
            return None;
        }
        syscall_name(nr)
    }
}

/// The blocking system calls worth naming (x86-64 and aarch64 numbers).
pub fn syscall_name(nr: i64) -> Option<&'static str> {
    #[cfg(target_arch = "x86_64")]
    let name = match nr {
        0 => "read",
        7 => "poll",
        23 => "select",
        45 => "recvfrom",
        47 => "recvmsg",
        43 => "accept",
        288 => "accept4",
        61 => "wait4",
        202 => "futex",
        230 => "clock_nanosleep",
        232 => "epoll_wait",
        281 => "epoll_pwait",
        270 => "pselect6",
        271 => "ppoll",
        19 => "readv",
        17 => "pread64",
        35 => "nanosleep",
        34 => "pause",
        130 => "rt_sigsuspend",
        128 => "rt_sigtimedwait",
        73 => "flock",
        72 => "fcntl",
        247 => "waitid",
        42 => "connect",
        _ => return None,
    };
    #[cfg(target_arch = "aarch64")]
    let name = match nr {
        63 => "read",
        65 => "readv",
        67 => "pread64",
        72 => "pselect6",
        73 => "ppoll",
        202 => "accept",
        242 => "accept4",
        207 => "recvfrom",
        212 => "recvmsg",
        260 => "wait4",
        98 => "futex",
        115 => "clock_nanosleep",
        22 => "epoll_pwait",
        101 => "nanosleep",
        133 => "rt_sigsuspend",
        137 => "rt_sigtimedwait",
        32 => "flock",
        25 => "fcntl",
        95 => "waitid",
        203 => "connect",
        _ => return None,
    };
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    let name = {
        let _ = nr;
        return None;
    };
    Some(name)
}

/// What file descriptor `fd` of process `pid` is, in a word: `pipe`,
/// `socket`, `terminal`, or the file's name.
pub fn describe_fd(pid: u32, fd: u64) -> Option<String> {
    let target = std::fs::read_link(format!("/proc/{pid}/fd/{fd}")).ok()?;
    let t = target.to_string_lossy();
    Some(if t.starts_with("pipe:") {
        "pipe".into()
    } else if t.starts_with("socket:") {
        "socket".into()
    } else if t.starts_with("/dev/pts/") || t.starts_with("/dev/tty") || t == "/dev/console" {
        "terminal".into()
    } else {
        target
            .file_name()
            .map_or(t.to_string(), |n| n.to_string_lossy().into_owned())
    })
}

/// Parse `stat`: the state is the first field after the `(comm)`, which
/// may itself hold spaces and parentheses.
pub fn parse_stat(text: &[u8]) -> Option<char> {
    let close = text.iter().rposition(|&b| b == b')')?;
    let rest = text.get(close + 1..)?;
    rest.iter()
        .find(|b| !b.is_ascii_whitespace())
        .map(|&b| b as char)
}

/// Parse `schedstat`: "run_ns wait_ns slices".
pub fn parse_schedstat(text: &[u8]) -> Option<u64> {
    let s = std::str::from_utf8(text).ok()?;
    s.split_ascii_whitespace().next()?.parse().ok()
}

/// Parse `syscall`: "NR ARG1 ... SP PC" while in a call, "running" or "-1 SP PC".
pub fn parse_syscall(text: &[u8]) -> Option<(i64, u64)> {
    let s = std::str::from_utf8(text).ok()?;
    let mut words = s.split_ascii_whitespace();
    let nr: i64 = words.next()?.parse().ok()?;
    if nr < 0 {
        return None;
    }
    let arg = words.next()?;
    let arg = u64::from_str_radix(arg.trim_start_matches("0x"), 16).ok()?;
    Some((nr, arg))
}

struct Files {
    stat: File,
    schedstat: Option<File>,
    syscall: Option<File>,
}

/// Reads samples of one process's threads.
pub struct Sampler {
    pid: u32,
    open: HashMap<u32, Files>,
    buf: Vec<u8>,
    /// Threads past this many are read by opening their files each time
    /// (keeps the number of open descriptors bounded).
    pub max_open: usize,
}

impl Sampler {
    pub fn new(pid: u32) -> Sampler {
        Sampler {
            pid,
            open: HashMap::new(),
            buf: vec![0; 512],
            max_open: 512,
        }
    }

    fn path(&self, tid: u32, name: &str) -> String {
        format!("/proc/{}/task/{}/{}", self.pid, tid, name)
    }

    fn open_files(&self, tid: u32) -> io::Result<Files> {
        Ok(Files {
            stat: File::open(self.path(tid, "stat"))?,
            schedstat: File::open(self.path(tid, "schedstat")).ok(),
            // Needs ptrace access (our own child has it); optional.
            syscall: File::open(self.path(tid, "syscall")).ok(),
        })
    }

    fn read(buf: &mut [u8], f: &File) -> Option<usize> {
        f.read_at(buf, 0).ok().filter(|&n| n > 0)
    }

    /// One sample of each thread of `tids` that still exists.
    pub fn sample(&mut self, tids: &[u32]) -> Vec<Sample> {
        let mut out = Vec::with_capacity(tids.len());
        let mut buf = std::mem::take(&mut self.buf);
        for &tid in tids {
            let fresh;
            let files = match self.open.get(&tid) {
                Some(f) => f,
                None => {
                    let Ok(f) = self.open_files(tid) else {
                        continue;
                    };
                    if self.open.len() < self.max_open {
                        self.open.insert(tid, f);
                        &self.open[&tid]
                    } else {
                        fresh = f;
                        &fresh
                    }
                }
            };
            let Some(n) = Self::read(&mut buf, &files.stat) else {
                self.open.remove(&tid); // the thread is gone
                continue;
            };
            let Some(state) = parse_stat(&buf[..n]) else {
                continue;
            };
            let cpu_ns = files
                .schedstat
                .as_ref()
                .and_then(|f| Self::read(&mut buf, f))
                .and_then(|n| parse_schedstat(&buf[..n]))
                .unwrap_or(0);
            let syscall = files
                .syscall
                .as_ref()
                .and_then(|f| Self::read(&mut buf, f))
                .and_then(|n| parse_syscall(&buf[..n]));
            out.push(Sample {
                tid,
                state,
                cpu_ns,
                syscall,
            });
        }
        self.buf = buf;
        out
    }

    /// Close the files of threads no longer asked about.
    pub fn forget(&mut self, keep: &[u32]) {
        self.open.retain(|t, _| keep.contains(t));
    }
}

/// What the policy compares between samples: thread, state, system call.
type Shape = (u32, char, Option<(i64, u64)>);

/// How often to sample: at most 200 Hz while something runs or changes,
/// backing off (doubling, up to `slowest`) while every thread stays blocked
/// the same way.
#[derive(Debug, Clone)]
pub struct RatePolicy {
    pub fastest: Duration,
    pub slowest: Duration,
    now: Duration,
    last: Vec<Shape>,
}

impl Default for RatePolicy {
    fn default() -> Self {
        RatePolicy {
            fastest: Duration::from_millis(5),
            slowest: Duration::from_millis(200),
            now: Duration::from_millis(5),
            last: Vec::new(),
        }
    }
}

impl RatePolicy {
    /// The pause before the next sample, given this one.
    pub fn next(&mut self, samples: &[Sample]) -> Duration {
        let shape: Vec<_> = samples
            .iter()
            .map(|s| (s.tid, s.state, s.syscall))
            .collect();
        let running = samples.iter().any(|s| s.state == 'R');
        if running || shape != self.last {
            self.now = self.fastest;
        } else {
            self.now = (self.now * 2).min(self.slowest);
        }
        self.last = shape;
        self.now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_state_survives_odd_names() {
        let line = b"4242 (a (weird) name) S 1 4242 4242 0 -1 4194560 100 0";
        assert_eq!(parse_stat(line), Some('S'));
        assert_eq!(parse_stat(b"7 (python3) R 1 7"), Some('R'));
        assert_eq!(parse_stat(b"garbage"), None);
    }

    #[test]
    fn schedstat_and_syscall_parse() {
        assert_eq!(parse_schedstat(b"123456789 1000 42\n"), Some(123_456_789));
        assert_eq!(
            parse_syscall(b"0 0x3 0x7ffd0000 0x64 0x0 0x0 0x0 0x7ffd 0x7f00\n"),
            Some((0, 3))
        );
        assert_eq!(parse_syscall(b"running\n"), None);
        assert_eq!(parse_syscall(b"-1 0x7ffd 0x7f00\n"), None);
    }

    #[test]
    fn the_policy_backs_off_while_nothing_changes() {
        let mut p = RatePolicy::default();
        let blocked = [Sample {
            tid: 1,
            state: 'S',
            cpu_ns: 5,
            syscall: Some((0, 3)),
        }];
        assert_eq!(p.next(&blocked), Duration::from_millis(5));
        assert_eq!(p.next(&blocked), Duration::from_millis(10));
        assert_eq!(p.next(&blocked), Duration::from_millis(20));
        for _ in 0..10 {
            p.next(&blocked);
        }
        assert_eq!(p.next(&blocked), Duration::from_millis(200));
        let running = [Sample {
            state: 'R',
            ..blocked[0]
        }];
        assert_eq!(p.next(&running), Duration::from_millis(5));
    }

    #[test]
    fn samples_this_process_threads() {
        use std::sync::mpsc;
        let (tx, rx) = mpsc::channel::<()>();
        let (tid_tx, tid_rx) = mpsc::channel();
        let blocked = std::thread::spawn(move || {
            // SAFETY: gettid has no preconditions.
            tid_tx.send(unsafe { libc::gettid() } as u32).unwrap();
            let _ = rx.recv(); // blocks in futex
        });
        let tid = tid_rx.recv().unwrap();
        std::thread::sleep(Duration::from_millis(50));
        let me = unsafe { libc::gettid() } as u32;
        let mut s = Sampler::new(std::process::id());
        let got = s.sample(&[me, tid, 999_999_999]);
        assert_eq!(got.len(), 2, "{got:?}");
        let mine = got.iter().find(|x| x.tid == me).unwrap();
        assert_eq!(mine.state, 'R');
        assert!(mine.cpu_ns > 0);
        let other = got.iter().find(|x| x.tid == tid).unwrap();
        assert_eq!(other.state, 'S');
        if let Some((nr, _)) = other.syscall {
            assert_eq!(syscall_name(nr), Some("futex"));
            assert_eq!(other.blocking_call(), Some("futex"));
        }
        tx.send(()).unwrap();
        blocked.join().unwrap();
    }

    /// Cost of a sample of 10 and of 1,000 threads (run with --ignored
    /// --nocapture; figures in BENCHMARKS.md).
    #[test]
    #[ignore = "a measurement, not a check"]
    fn sample_cost() {
        use std::sync::{Arc, Barrier};
        for n in [10usize, 1000] {
            let gate = Arc::new(Barrier::new(n + 1));
            let (tid_tx, tid_rx) = std::sync::mpsc::channel();
            let hs: Vec<_> = (0..n)
                .map(|_| {
                    let (g, t) = (Arc::clone(&gate), tid_tx.clone());
                    std::thread::spawn(move || {
                        t.send(unsafe { libc::gettid() } as u32).unwrap();
                        g.wait();
                    })
                })
                .collect();
            let tids: Vec<u32> = (0..n).map(|_| tid_rx.recv().unwrap()).collect();
            let mut s = Sampler::new(std::process::id());
            s.max_open = 2000;
            s.sample(&tids); // opens the files
            let rounds = 20;
            let t = std::time::Instant::now();
            for _ in 0..rounds {
                assert_eq!(s.sample(&tids).len(), n);
            }
            let each = t.elapsed() / rounds;
            println!(
                "sample of {n} threads: {each:?} ({:?} per thread)",
                each / n as u32
            );
            gate.wait();
            for h in hs {
                h.join().unwrap();
            }
        }
    }
}
