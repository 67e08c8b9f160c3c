//! Reading the tracer's channels (the pipe, the FIFO) and the program's raw
//! output, on threads of their own, into events.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ExitStatus};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crossbeam_channel::Sender;

use super::{Decoder, Shared, child};
use crate::event::{Batch, Event, Nanos};

/// Send `events` as one batch (nothing when there are none). A closed
/// receiver means nobody watches any more.
pub(super) fn send(tx: &Sender<Batch>, events: Vec<Event>) {
    if !events.is_empty() {
        let _ = tx.send(Batch::Many(events));
    }
}

/// The longest tracer line read as one; longer ones are dropped.
const LINE_LIMIT: u64 = 64 * 1024;

/// Tracer lines from one source (0: the pipe, 1: the FIFO) until it closes.
///
/// The lines one read brought in are decoded under one hold of the
/// decoder and their events sent as one batch before it is let go, so the
/// other sources (raw output, the watcher) never come between them.
pub(super) fn read_lines(
    read: std::fs::File,
    source: usize,
    decoder: &Mutex<Decoder>,
    tx: &Sender<Batch>,
    shared: &Shared,
) {
    let read = child::Stoppable {
        inner: read,
        stop: || shared.abandon.load(Ordering::SeqCst),
    };
    let mut lines = BufReader::with_capacity(64 * 1024, read);
    let mut buf = Vec::with_capacity(4096);
    let mut too_long = false;
    let mut batch = Vec::new();
    'reading: loop {
        buf.clear();
        // The tracer's lines are < 4 KiB; anything far longer is garbage,
        // read in bounded pieces and counted once.
        let mut got = (&mut lines).take(LINE_LIMIT).read_until(b'\n', &mut buf);
        // Raw output written before these records is read in first.
        shared.raw.settle();
        let mut d = decoder.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            match got {
                Ok(0) | Err(_) => {
                    send(tx, batch);
                    break 'reading;
                }
                Ok(_) if !buf.ends_with(b"\n") && buf.len() as u64 == LINE_LIMIT => {
                    if !too_long {
                        d.dropped += 1;
                    }
                    too_long = true;
                }
                Ok(_) if too_long => too_long = false,
                Ok(_) if shared.closing.load(Ordering::SeqCst) => {}
                Ok(_) => {
                    for mut ev in d.line_from(source, &buf) {
                        ev.at = shared.pauses.program_time(ev.at);
                        d.sent(&mut ev);
                        batch.push(ev);
                    }
                }
            }
            shared.dropped.store(d.dropped, Ordering::Relaxed);
            // A whole line already read in: taking it cannot block.
            if !lines.buffer().contains(&b'\n') {
                break;
            }
            buf.clear();
            got = (&mut lines).take(LINE_LIMIT).read_until(b'\n', &mut buf);
        }
        send(tx, std::mem::take(&mut batch));
    }
}

/// The reader thread's helpers: the FIFO's reader and the write end that
/// keeps it open, the `/proc` watcher and what stops it.
pub(super) struct Helpers {
    pub fifo_reader: JoinHandle<()>,
    pub fifo_keep: std::fs::File,
    pub watcher: (JoinHandle<()>, Sender<()>),
}

/// The reader thread: tracer lines until the pipe closes (the process is
/// gone), then the exit and the ends Python could not report.
#[allow(clippy::too_many_arguments)]
pub(super) fn read_events(
    read: std::fs::File,
    mut proc: Child,
    decoder: Arc<Mutex<Decoder>>,
    tx: Sender<Batch>,
    pumps: Vec<JoinHandle<()>>,
    t0: Nanos,
    shared: &Shared,
    helpers: Helpers,
) {
    // The program's exit is what ends the run: a background child of its
    // may keep the channels open, so they are read only a little longer.
    let (done, finished) = crossbeam_channel::bounded::<()>(0);
    let (exited, has_exited) = crossbeam_channel::bounded::<()>(1);
    let waiter = std::thread::scope(|scope| {
        let waiter = scope.spawn(|| {
            let status = proc.wait();
            drop(exited);
            let closed = shared
                .pauses
                .program_time(child::monotonic_ns().saturating_sub(t0));
            let _ = finished.recv_timeout(Duration::from_millis(200));
            shared.abandon.store(true, Ordering::SeqCst);
            (status, closed)
        });
        read_lines(read, 0, &decoder, &tx, shared);
        // A program that closes the descriptors it did not open closes the
        // pipe too, and its tracer goes on through the FIFO: that is read
        // until the program has exited.
        let _ = has_exited.recv();
        for p in pumps {
            let _ = p.join();
        }
        let Helpers {
            fifo_reader,
            fifo_keep,
            watcher,
        } = helpers;
        drop(watcher.1);
        let _ = watcher.0.join();
        // Exec'd children have said what they had to say once they exited.
        drop(fifo_keep);
        let _ = fifo_reader.join();
        drop(done);
        waiter.join()
    });
    let Ok((status, closed)) = waiter else {
        return;
    };
    let code = status.as_ref().map_or(-1, exit_code);
    let mut d = decoder.lock().unwrap_or_else(|e| e.into_inner());
    // Every record is in: the samples not applied yet can be.
    let mut due = d.apply_due(Nanos::MAX);
    for ev in &mut due {
        ev.at = shared.pauses.program_time(ev.at);
        d.sent(ev);
    }
    send(&tx, due);
    shared.closing.store(true, Ordering::SeqCst);
    let mut end = d.exit(closed, code, shared.ended_by_us.load(Ordering::SeqCst));
    for ev in &mut end {
        d.sent(ev);
    }
    send(&tx, end);
    shared.dropped.store(d.dropped, Ordering::Relaxed);
    drop(d);
    *shared.status.lock().unwrap_or_else(|e| e.into_inner()) = status.ok();
    shared.over.store(true, Ordering::SeqCst);
}

/// The exit code as a shell reports it: 128 + N when killed by signal N.
pub fn exit_code(status: &ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status
        .code()
        .or_else(|| status.signal().map(|s| 128 + s))
        .unwrap_or(-1)
}
