//! What a parent and its child processes say to each other: JSON lines,
//! one message each, over the child's stdin and stdout.

use serde::{Deserialize, Serialize};

use super::clock::ClockState;
use crate::event::{Event, Nanos};
use crate::scenario::{Counter, MAX_SECONDS, MAX_TIMES, Step};

/// What a child process runs: one thread's steps as its main thread, with
/// its own copy of every counter and lock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkerSpec {
    pub name: String,
    pub steps: Vec<Step>,
    pub counters: Vec<Counter>,
    pub locks: Vec<String>,
    pub gil: bool,
    /// The interpreter it models (its own copy of it).
    pub python: crate::scenario::Python,
    /// Its CPU cores (without the GIL).
    pub cores: usize,
    pub seed: u64,
}

use super::MAX_CORES;

impl WorkerSpec {
    /// Every index its steps use is in range: a counter or lock it has,
    /// and no thread but its own one (a child runs one thread).
    pub fn check(&self) -> Result<(), String> {
        if self.cores == 0 || self.cores > MAX_CORES {
            return Err(format!("{} CPU cores: from 1 to {MAX_CORES}", self.cores));
        }
        if self.name.contains('\0') {
            return Err("a name with a NUL character".into());
        }
        for (i, step) in self.steps.iter().enumerate() {
            let bad = |what: &str| Err(format!("step {i}: {what}"));
            match step {
                Step::Create(t) | Step::Start(t) | Step::Join(t) => {
                    return bad(&format!("a child process runs one thread (thread {t})"));
                }
                Step::Sleep(d) | Step::Compute(d) if *d > crate::event::secs(MAX_SECONDS) => {
                    return bad(&format!(
                        "a duration of {d} ns is longer than {MAX_SECONDS} s"
                    ));
                }
                Step::Increment { times, .. } if *times > MAX_TIMES => {
                    return bad(&format!("{times} increments are more than {MAX_TIMES}"));
                }
                Step::Increment { counter, lock, .. } => {
                    if *counter >= self.counters.len() {
                        return bad(&format!("no counter {counter}"));
                    }
                    if lock.is_some_and(|l| l >= self.locks.len()) {
                        return bad(&format!("no lock {}", lock.unwrap_or(0)));
                    }
                }
                Step::Report(c) if *c >= self.counters.len() => {
                    return bad(&format!("no counter {c}"));
                }
                Step::Acquire(l) | Step::Release(l) | Step::Warn { lock: l, .. }
                    if *l >= self.locks.len() =>
                {
                    return bad(&format!("no lock {l}"));
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Parent to child.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToWorker {
    /// The first message: what to run.
    Start(WorkerSpec),
    /// The parent's clock changed (pause, resume, step, speed), shifted to
    /// the child's own time.
    Clock(ClockState),
    /// One of the machine's cores is the child's from this (child) time.
    Core { at: Nanos },
}

/// Child to parent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromWorker {
    Event(Event),
    /// How far the child got: it prints nothing before `watermark`, and its
    /// next timed wait ends at `next` (both in the child's own time).
    Status {
        watermark: Nanos,
        next: Option<Nanos>,
    },
    /// It needs one of the machine's cores from this (child) time on.
    WantCore {
        at: Nanos,
    },
    /// It lets go of its core at this time.
    DropCore {
        at: Nanos,
    },
}

/// One message as a line (without its newline).
pub fn encode<T: Serialize>(msg: &T) -> String {
    serde_json::to_string(msg).expect("wire messages always serialize")
}
