//! Raw output: what the program wrote to its stdout or stderr that the
//! tracer did not see (`os.write`, C code, a child process), shown as
//! main's, among the tracer's records in the order it was written.
//!
//! It comes on other pipes than the records. Each line is read, and its
//! time taken, as soon as it comes (a thread per pipe), then waits in the
//! decoder (`Decoder::raw_came`) for the records of the time before it: the
//! records reader puts it before the first record taken after it, first
//! letting the raw pipes be read up ([`Raw::settle`]: everything written
//! before a record is in its pipe by the time the record is read). A line
//! no record follows goes once its wait ([`RAW_WAIT`], from when it came)
//! is over: a burst of raw output is late by that much, not more.
//!
//! The time of a line is when it was read, a little after it was written
//! (about 0.1 ms): a record taken within that little while after a raw
//! write (`os.write(1, …)` then at once `print(…)`) comes before it.

use std::io::{BufRead, BufReader, Read};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::{RecvTimeoutError, Sender};

use super::pipes::send;
use super::{Decoder, Shared, child};
use crate::event::{Batch, Nanos};

/// How long a raw line waits at most for the tracer's records of the time
/// before it (they come in batches at most 20 ms late).
const RAW_WAIT: Duration = Duration::from_millis(40);

/// How long the records reader waits at most for the raw pipes to be read.
const SETTLE: Duration = Duration::from_millis(5);

/// The raw pipes being read, and the lines read from them not yet handed
/// to the decoder.
#[derive(Debug, Default)]
pub(super) struct Raw {
    fds: Mutex<Vec<RawFd>>,
    in_flight: AtomicUsize,
}

impl Raw {
    /// Wait (a little at most) until every byte in the raw pipes has been
    /// read and every whole line of them handed to the decoder.
    pub fn settle(&self) {
        let until = Instant::now() + SETTLE;
        while self.unread() && Instant::now() < until {
            std::thread::sleep(Duration::from_micros(100));
        }
    }

    fn unread(&self) -> bool {
        if self.in_flight.load(Ordering::SeqCst) > 0 {
            return true;
        }
        let fds = self.fds.lock().unwrap_or_else(|e| e.into_inner());
        fds.iter().any(|&fd| {
            let mut n: libc::c_int = 0;
            // SAFETY: FIONREAD writes one int to `n`; `fd` is a pipe a
            // reader thread of ours holds open while it is on this list.
            let r = unsafe { libc::ioctl(fd, libc::FIONREAD, &mut n) };
            r == 0 && n > 0
        })
    }

    fn done(&self, lines: usize) {
        let _ = self
            .in_flight
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                Some(n.saturating_sub(lines))
            });
    }
}

/// A reader that counts the whole lines it brought in as in flight.
struct Counted<'a, R> {
    inner: R,
    raw: &'a Raw,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let lines = buf[..n].iter().filter(|&&b| b == b'\n').count();
        self.raw.in_flight.fetch_add(lines, Ordering::SeqCst);
        Ok(n)
    }
}

/// Read `src` (the program's raw stdout or stderr) until it closes, its
/// lines going to the decoder and, in their place among the records, down
/// `tx`.
pub(super) fn pump(
    src: impl Read + AsRawFd + Send + 'static,
    tx: Sender<Batch>,
    decoder: Arc<Mutex<Decoder>>,
    t0: Nanos,
    shared: Arc<Shared>,
) -> JoinHandle<()> {
    let (lines_tx, lines) = crossbeam_channel::unbounded::<(Nanos, Instant, Vec<u8>)>();
    let sh = Arc::clone(&shared);
    let reader = move || {
        let fd = src.as_raw_fd();
        sh.raw
            .fds
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(fd);
        let stop = Arc::clone(&sh);
        let src = child::Stoppable {
            inner: src,
            stop: move || stop.abandon.load(Ordering::SeqCst),
        };
        let mut r = BufReader::new(Counted {
            inner: src,
            raw: &sh.raw,
        });
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match r.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            let taken = child::monotonic_ns().saturating_sub(t0);
            if lines_tx.send((taken, Instant::now(), buf.clone())).is_err() {
                break;
            }
        }
        // Off the list before the pipe closes (its number may be reused).
        sh.raw
            .fds
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|&f| f != fd);
        drop(r);
    };
    std::thread::spawn(move || {
        let read = std::thread::spawn(reader);
        let mut ended = false;
        while !ended {
            let waiting = decoder
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .raw_waiting();
            let first = if waiting {
                match lines.recv_timeout(Duration::from_millis(2)) {
                    Ok(l) => Some(l),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => {
                        ended = true;
                        None
                    }
                }
            } else {
                lines.recv().map_err(|_| ended = true).ok()
            };
            let mut d = decoder.lock().unwrap_or_else(|e| e.into_inner());
            for (taken, came, mut line) in first.into_iter().chain(lines.try_iter()) {
                let whole = line.last() == Some(&b'\n');
                if whole {
                    line.pop();
                }
                let text = String::from_utf8_lossy(&line).into_owned();
                d.raw_came(taken, came + RAW_WAIT, text);
                shared.raw.done(usize::from(whole));
            }
            let over = ended || shared.over.load(Ordering::SeqCst);
            let mut evs = d.raw_ready(Instant::now(), over);
            for ev in &mut evs {
                ev.at = shared.pauses.program_time(ev.at);
                d.sent(ev);
            }
            send(&tx, evs);
        }
        let _ = read.join();
    })
}
