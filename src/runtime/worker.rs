//! Child processes, child side: `threadline __worker` reads what to run
//! from stdin, runs it as its own program (its own memory, counters and
//! GIL) on a clock that follows the parent's, and reports on stdout.
//! It ends with its program, when its parent goes away, or when killed.

use std::io::{self, BufRead, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, after, never, select, unbounded};

use super::wire::{FromWorker, ToWorker, WorkerSpec, encode};
use super::{Run, RunOptions};
use crate::event::Batch;
use crate::failure::{Done, Failure, Outcome};
use crate::scenario::{Program, ThreadSpec, Words};

/// How often a running child reports its progress.
const STATUS_EVERY: Duration = Duration::from_millis(10);
/// After a clock change, keep reporting this long (the threads settle).
const SETTLE: Duration = Duration::from_millis(200);

/// Serve one child process.
pub fn serve() -> Outcome {
    die_with_parent();
    // Each read takes stdin's lock only for itself: the listener below
    // reads on (stdin's buffer is shared, so nothing read ahead is lost).
    let next = || -> Result<ToWorker, String> {
        let line = io::stdin()
            .lock()
            .lines()
            .next()
            .ok_or("no message from the parent")?
            .map_err(|e| e.to_string())?;
        message(&line)
    };
    let bad = |error: String| Failure::Usage(crate::msg!("worker-bad-input", error = error));
    let (program, spec, clock) = accept(next(), next()).map_err(bad)?;
    let (tx, rx) = unbounded();
    let opts = RunOptions {
        speed: clock.speed,
        seed: spec.seed,
        paused: true,
        cores: spec.cores,
    };
    // Its computes take one of the machine's cores, through the parent.
    let (asks_tx, asks) = unbounded();
    let (grants_tx, grants) = unbounded();
    let broker = super::cores::Broker {
        out: asks_tx,
        grants,
    };
    let run = Run::start_with(Arc::new(program), opts, tx, Some(broker), None).map_err(|e| {
        let error = e.to_string();
        Failure::Runtime(crate::msg!("run-cannot-start", error = error))
    })?;
    let run = Arc::new(run);
    run.follow_clock(clock);
    let (tick_tx, tick_rx) = unbounded();
    let listener = Arc::clone(&run);
    // Not joined: it sits in a read of stdin; the process ends under it.
    std::thread::spawn(move || {
        for line in io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            match serde_json::from_str(&line) {
                Ok(ToWorker::Clock(c)) => {
                    listener.follow_clock(c);
                    let _ = tick_tx.send(());
                }
                Ok(ToWorker::Core { at }) => {
                    let _ = grants_tx.send(at);
                }
                _ => {}
            }
        }
        // The parent is gone: nobody watches, stop.
        listener.stop();
    });
    match report(&run, &rx, &asks, &tick_rx) {
        Ok(()) => Ok(Done::Success),
        Err(e) => {
            // The parent closed our stdout: it is gone.
            run.stop();
            Err(Failure::io(&e))
        }
    }
}

/// One line for each event of `b`.
fn write_events(out: &mut impl Write, b: Batch) -> io::Result<()> {
    for e in b {
        writeln!(out, "{}", encode(&FromWorker::Event(e)))?;
    }
    Ok(())
}

/// Write every event and the progress until the program is over.
fn report(
    run: &Run,
    rx: &Receiver<Batch>,
    asks: &Receiver<FromWorker>,
    clock_changed: &Receiver<()>,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut sent = None;
    let mut busy_until = Instant::now() + SETTLE;
    loop {
        // Read before draining: every line before it is then in the channel.
        let status = FromWorker::Status {
            watermark: run.output_watermark(),
            next: run.next_wake(),
        };
        let mut over = false;
        loop {
            match rx.try_recv() {
                Ok(b) => write_events(&mut out, b)?,
                Err(crossbeam_channel::TryRecvError::Empty) => break,
                Err(crossbeam_channel::TryRecvError::Disconnected) => {
                    over = true;
                    break;
                }
            }
        }
        if sent.as_ref() != Some(&status) {
            writeln!(out, "{}", encode(&status))?;
            sent = Some(status);
        }
        out.flush()?;
        if over || run.is_stopped() {
            return Ok(());
        }
        let tick = if !run.is_paused() || Instant::now() < busy_until {
            after(STATUS_EVERY)
        } else {
            never()
        };
        select! {
            recv(rx) -> e => {
                // Disconnected means over: the next round says so.
                if let Ok(b) = e {
                    write_events(&mut out, b)?;
                }
            }
            recv(asks) -> a => {
                // Every event before it is out first: the parent sees them in order.
                for b in rx.try_iter() {
                    write_events(&mut out, b)?;
                }
                if let Ok(a) = a {
                    writeln!(out, "{}", encode(&a))?;
                    out.flush()?;
                }
            }
            recv(clock_changed) -> _ => busy_until = Instant::now() + SETTLE,
            recv(tick) -> _ => {}
        }
    }
}

/// The parent's first two messages, checked: the program to run (every id
/// its steps use in range), its spec's settings, and the clock.
pub fn accept(
    first: Result<ToWorker, String>,
    second: Result<ToWorker, String>,
) -> Result<(Program, WorkerSpec, super::ClockState), String> {
    let (spec, clock) = match (first?, second?) {
        (ToWorker::Start(spec), ToWorker::Clock(clock)) => (spec, clock),
        _ => return Err("expected what to run, then the clock".into()),
    };
    spec.check()?;
    Ok((program(spec.clone()), spec, clock))
}

/// [`accept`] on the first two lines of `text` (for the fuzz target and
/// the tests): the program a child would run.
pub fn accept_text(text: &str) -> Result<Program, String> {
    let mut lines = text.lines();
    let mut next = || message(lines.next().ok_or("no message from the parent")?);
    let (first, second) = (next(), next());
    accept(first, second).map(|(p, _, _)| p)
}

/// Parse one message from the parent.
pub fn message(line: &str) -> Result<ToWorker, String> {
    serde_json::from_str(line).map_err(|e| format!("a bad message from the parent: {e}"))
}

fn program(spec: WorkerSpec) -> Program {
    Program {
        name: spec.name.clone(),
        file: String::new(),
        words: Words::plain(spec.name.clone()),
        gil: spec.gil,
        python: spec.python,
        threads: vec![ThreadSpec {
            name: spec.name,
            daemon: false,
            parent: None,
            process: false,
            steps: spec.steps,
            lines: Vec::new(),
        }],
        counters: spec.counters,
        locks: spec.locks,
        finalizes: false,
    }
}

/// Linux: the kernel kills this process when the parent thread that
/// started it ends, whatever way it ends.
fn die_with_parent() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number, no pointers.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::MAIN;
    use crate::scenario::Step;

    #[test]
    fn a_child_program_is_one_main_thread_with_every_counter() {
        let p = program(WorkerSpec {
            name: "process 1".into(),
            steps: vec![Step::Print("hi".into())],
            counters: vec![crate::scenario::Counter {
                name: "counter".into(),
                expected: 4,
            }],
            locks: vec!["lock".into()],
            gil: true,
            python: crate::scenario::Python::DEFAULT,
            cores: 2,
            seed: 7,
        });
        assert_eq!(p.threads.len(), 1);
        assert_eq!(p.threads[MAIN as usize].name, "process 1");
        assert_eq!(p.counters[0].name, "counter");
        assert_eq!(p.locks, vec!["lock".to_string()]);
    }
}
