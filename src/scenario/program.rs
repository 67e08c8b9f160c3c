//! A scenario compiled for the runtime: every thread instance with its own
//! flat list of steps, names resolved to ids.

use serde::{Deserialize, Serialize};

use crate::event::{Nanos, ThreadId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Print a line (already formatted).
    Print(String),
    /// `time.sleep`: blocks, releases the GIL.
    Sleep(Nanos),
    /// CPU-bound work for this much program time.
    Compute(Nanos),
    /// Create the thread object (`Worker(name)`), not yet started.
    Create(ThreadId),
    /// `t.start()`.
    Start(ThreadId),
    /// `t.join()`.
    Join(ThreadId),
    /// `counter += 1`, `times` times, each under `lock` if given (indices
    /// into the program's counters and locks).
    Increment {
        counter: usize,
        times: u32,
        lock: Option<usize>,
    },
    /// `print(name, "=", counter)`.
    Report(usize),
}

/// A counter the threads share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counter {
    pub name: String,
    /// What it would reach if no update were lost.
    pub expected: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadSpec {
    pub name: String,
    pub daemon: bool,
    pub parent: Option<ThreadId>,
    /// A child process (`multiprocessing.Process`) running `steps` as its
    /// main thread, with its own memory and its own GIL.
    pub process: bool,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// The scenario's name (built-in name or file stem).
    pub name: String,
    pub title: String,
    pub summary: String,
    pub note: Option<String>,
    pub gil: bool,
    /// Index = thread id; 0 is main.
    pub threads: Vec<ThreadSpec>,
    pub counters: Vec<Counter>,
    /// Names of the locks.
    pub locks: Vec<String>,
}

impl Program {
    /// Number of threads that are not main.
    pub fn worker_count(&self) -> usize {
        self.threads.len().saturating_sub(1)
    }
}
