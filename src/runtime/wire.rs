//! What a parent and its child processes say to each other: JSON lines,
//! one message each, over the child's stdin and stdout.

use serde::{Deserialize, Serialize};

use super::clock::ClockState;
use crate::event::{Event, Nanos};
use crate::scenario::{Counter, Step};

/// What a child process runs: one thread's steps as its main thread, with
/// its own copy of every counter and lock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkerSpec {
    pub name: String,
    pub steps: Vec<Step>,
    pub counters: Vec<Counter>,
    pub locks: Vec<String>,
    pub gil: bool,
    /// Its CPU cores (without the GIL).
    pub cores: usize,
    pub seed: u64,
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
}

/// One message as a line (without its newline).
pub fn encode<T: Serialize>(msg: &T) -> String {
    serde_json::to_string(msg).expect("wire messages always serialize")
}
