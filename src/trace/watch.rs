//! The watcher: while a traced program runs, sample its threads from
//! `/proc` (`sampler.rs`) and hand the rounds to the decoder
//! (`reader/observed.rs`), whose events go down the same channel as the
//! tracer's.
//!
//! Only the threads the tracer has running Python are sampled (a thread in
//! a wait the tracer knows needs no sample), at most [`MAX_THREADS`] of
//! them, as often as [`RatePolicy`] says (200 Hz while something runs,
//! backing off to 5 Hz while nothing changes) but never so often that
//! sampling takes more than 1/[`COST_SHARE`] of one core. A round is
//! applied once the tracer's records of its time are in: at the latest
//! [`LAG`] after it was taken (records come in batches at most 20 ms late;
//! the lock monitor's a little later).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};

use super::infer::Call;
use super::sampler::{RatePolicy, Sample, Sampler};
use super::{Decoder, Reading, Round, Shared, child};
use crate::event::{Batch, Nanos, State};

/// The most threads sampled at once (those with the lowest ids).
pub const MAX_THREADS: usize = 256;

/// Sampling takes at most 1/COST_SHARE of one core: the pause between two
/// samples is at least this many times what the last one cost.
pub const COST_SHARE: u32 = 20;

/// How long after it was taken a round is applied at the latest.
pub const LAG: Nanos = 100_000_000;

/// How often the watcher looks for threads to sample while there are none.
const IDLE_LOOK: Duration = Duration::from_millis(20);

/// Everything the watcher thread needs.
pub(super) struct Watch {
    pub decoder: Arc<Mutex<Decoder>>,
    pub tx: Sender<Batch>,
    pub shared: Arc<Shared>,
    pub t0: Nanos,
    /// The traced program's pid.
    pub root: u32,
    /// Disconnected when the program is over.
    pub stop: Receiver<()>,
}

/// What a blocked thread sits in: I/O in words (`read(2) on fd 0 (pipe)`,
/// `poll(2)`), or a timer C code sleeps on (`clock_nanosleep(2)`). A
/// `futex` is left out: a lock and the GIL both wait on one.
fn call_words(pid: u32, s: &Sample) -> Option<Call> {
    let name = s.blocking_call()?;
    let (_, arg) = s.syscall?;
    match name {
        // Both a lock and the GIL wait on a futex: nothing to tell apart.
        "futex" => None,
        // C code asleep on a timer (a hooked `time.sleep` is recorded, and
        // a record wins over what samples say).
        "clock_nanosleep" | "nanosleep" | "pause" | "rt_sigsuspend" => Some(Call {
            state: State::Sleeping,
            words: format!("{name}(2)"),
        }),
        "read" | "readv" | "pread64" | "recvfrom" | "recvmsg" | "accept" | "accept4" => {
            let what = super::sampler::describe_fd(pid, arg)
                .map_or_else(String::new, |w| format!(" ({w})"));
            Some(Call::io(format!("{name}(2) on fd {arg}{what}")))
        }
        _ => Some(Call::io(format!("{name}(2)"))),
    }
}

impl Watch {
    /// The tracer's time now (pauses included).
    fn now(&self) -> Nanos {
        child::monotonic_ns().saturating_sub(self.t0)
    }

    fn decoder(&self) -> std::sync::MutexGuard<'_, Decoder> {
        self.decoder.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sample until the program is over.
    pub fn run(self) {
        let mut samplers: HashMap<u32, Sampler> = HashMap::new();
        let mut policy = RatePolicy::default();
        let mut pause = policy.fastest;
        let mut was_paused = false;
        loop {
            match self.stop.recv_timeout(pause) {
                Err(RecvTimeoutError::Timeout) => {}
                _ => return,
            }
            if self.shared.pauses.is_paused() {
                // A stopped program gets no CPU: nothing to learn, and an
                // interval across the pause would be misread.
                if !was_paused {
                    self.decoder().forget_samples();
                }
                was_paused = true;
                pause = policy.fastest;
                continue;
            }
            was_paused = false;
            let began = Instant::now();
            let (mut targets, mut known, foreign) = {
                let d = self.decoder();
                let targets: Vec<(u32, u32)> =
                    d.running_natives().iter().map(|t| (t.1, t.2)).collect();
                (targets, d.known_natives(), d.foreign_natives())
            };
            // The program itself from its start, before its first records
            // come in (they come in batches): its threads' first intervals
            // are then not lost either.
            if !known.iter().any(|k| k.0 == self.root) {
                known.push((self.root, Default::default()));
            }
            // Every thread of the processes whose `R` has not come yet (one
            // just started: its first interval is not lost), and the few the
            // tracer never reports (its own monitor, a C extension's).
            for (pid, known) in known {
                let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
                    continue;
                };
                for task in tasks.flatten() {
                    if let Some(n) = task.file_name().to_str().and_then(|n| n.parse().ok())
                        && !known.contains(&n)
                    {
                        targets.push((pid, n));
                    }
                }
            }
            // Threads C code started that have left: they ended.
            let gone: Vec<(u32, u32)> = foreign
                .into_iter()
                .filter(|(pid, n)| !std::path::Path::new(&format!("/proc/{pid}/task/{n}")).exists())
                .collect();
            targets.truncate(MAX_THREADS);
            let at = self.now();
            let mut readings = Vec::with_capacity(targets.len());
            let mut all = Vec::with_capacity(targets.len());
            let mut pids: Vec<u32> = targets.iter().map(|t| t.0).collect();
            pids.sort_unstable();
            pids.dedup();
            samplers.retain(|p, _| pids.contains(p));
            for pid in pids {
                let natives: Vec<u32> =
                    targets.iter().filter(|t| t.0 == pid).map(|t| t.1).collect();
                let sampler = samplers.entry(pid).or_insert_with(|| Sampler::new(pid));
                sampler.forget(&natives);
                for s in sampler.sample(&natives) {
                    readings.push(Reading {
                        native: s.tid,
                        pid,
                        cpu: s.cpu_ns,
                        runnable: s.state == 'R',
                        io: call_words(pid, &s),
                    });
                    all.push(s);
                }
            }
            let cost = began.elapsed();
            let mut d = self.decoder();
            if self
                .shared
                .closing
                .load(std::sync::atomic::Ordering::SeqCst)
            {
                return;
            }
            let mut round = Round::new(at, readings);
            round.gone = gone;
            d.sampled(round);
            let mut due = d.apply_due(self.now().saturating_sub(LAG));
            for ev in &mut due {
                ev.at = self.shared.pauses.program_time(ev.at);
                d.sent(ev);
            }
            super::pipes::send(&self.tx, due);
            drop(d);
            pause = if all.is_empty() {
                // Nothing to sample: look again soon for a thread that runs.
                IDLE_LOOK
            } else {
                policy
                    .next(&all)
                    .max(cost * COST_SHARE)
                    .min(Duration::from_secs(1))
            };
        }
    }
}
