//! The event vocabulary: what a running program reports about its threads.
//!
//! Events flow one way: a runtime (scenario threads, a traced Python child, a
//! replay file) sends them, the model folds them into a timeline.

use serde::{Deserialize, Serialize};

/// Program time in nanoseconds since the run started.
pub type Nanos = u64;

/// A small thread id within one run; 0 is always the main thread.
pub type ThreadId = u32;

/// The main thread's id.
pub const MAIN: ThreadId = 0;

/// One nanosecond-based second, for conversions.
pub const SECOND: Nanos = 1_000_000_000;

/// Seconds (as shown to users) to program nanoseconds.
pub fn secs(s: f64) -> Nanos {
    (s * SECOND as f64).round().max(0.0) as Nanos
}

/// Program nanoseconds to seconds.
pub fn to_secs(t: Nanos) -> f64 {
    t as f64 / SECOND as f64
}

/// What a thread is doing. `Joining` names the thread it waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "on")]
pub enum State {
    /// Executing code (holding the GIL when the GIL is on).
    Running,
    /// `time.sleep` or blocking I/O; the GIL is released.
    Sleeping,
    /// Ready to run while another thread holds the GIL.
    WaitingGil,
    /// Without the GIL: ready to run, but every CPU core is busy.
    WaitingCpu,
    /// Blocked in `join(x)`.
    Joining(ThreadId),
    /// Blocked acquiring a lock.
    WaitingLock,
    /// Main only: its code ended, the interpreter waits for non-daemon threads.
    WaitingAtExit,
}

/// How a thread's life ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Its `run` returned (for main: the process exited normally).
    Finished,
    /// A daemon thread stopped where it stood when the process exited.
    CutShort,
    /// An exception escaped `run`, or a child process died.
    Failed,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum EventKind {
    /// A thread object exists (it may start later).
    Spawned {
        name: String,
        daemon: bool,
        parent: Option<ThreadId>,
    },
    /// The thread's name changed (Python code often sets it after `__init__`).
    Renamed { name: String },
    /// The thread's daemon flag changed before it started.
    Daemon { daemon: bool },
    /// The thread entered a state.
    State { state: State },
    /// The thread printed a line (without its newline).
    Output { text: String },
    /// The main module's code has finished.
    MainCodeEnd,
    /// The process exited with this code.
    ProcessExit { code: i32 },
    /// The thread's life is over.
    Ended { outcome: Outcome },
    /// The thread is the main thread of a child process with this pid
    /// (`multiprocessing.Process`); its row stands for the whole process.
    Process { pid: u32 },
    /// A child process ended with this `exitcode` (multiprocessing's way:
    /// -N when signal N killed it).
    ExitCode { code: i32 },
    /// A shared counter's final value, reported at process exit (by a
    /// child process for its own copy).
    Counter {
        name: String,
        value: i64,
        expected: i64,
    },
}

/// One report from a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Which run this belongs to, so that a restart never mixes runs.
    pub run: u64,
    /// Program time.
    pub at: Nanos,
    pub thread: ThreadId,
    #[serde(flatten)]
    pub kind: EventKind,
}

impl Event {
    pub fn new(run: u64, at: Nanos, thread: ThreadId, kind: EventKind) -> Self {
        Event {
            run,
            at,
            thread,
            kind,
        }
    }
}
