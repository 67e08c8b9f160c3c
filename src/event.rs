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

/// The latest program time threadline accepts: 2^53 ns, about 104 days.
/// Replays and tracer lines past it are refused, so that no sum or product
/// of times in the model, the axis or the exports can overflow, and every
/// time converts to an `f64` exactly.
pub const MAX_TIME: Nanos = 1 << 53;

/// Seconds (as shown to users) to program nanoseconds, within [`MAX_TIME`].
pub fn secs(s: f64) -> Nanos {
    (s * SECOND as f64).round().clamp(0.0, MAX_TIME as f64) as Nanos
}

/// Program nanoseconds to seconds.
pub fn to_secs(t: Nanos) -> f64 {
    t as f64 / SECOND as f64
}

/// What a thread is doing. One byte: what it waits on, who holds that and
/// where in the program it happened travel beside it as a [`Detail`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum State {
    /// Executing code (holding the GIL when the GIL is on).
    Running,
    /// `time.sleep`; the GIL is released.
    Sleeping,
    /// Ready to run while another thread holds the GIL.
    WaitingGil,
    /// Without the GIL: ready to run, but every CPU core is busy.
    WaitingCpu,
    /// In `start()`: waiting for the new thread (its detail's holder) to
    /// run, on CPython's start-up handshake (an internal Event, not a lock
    /// of the program's).
    Starting,
    /// Blocked in `join()` of the thread (or process) its detail holds.
    Joining,
    /// Blocked acquiring a lock (`Lock`, `RLock`, `Semaphore`).
    WaitingLock,
    /// Blocked on another kind of synchronisation: an `Event`, a
    /// `Condition`, a queue, a `Barrier`, a future.
    Waiting,
    /// Blocked in a system call: a read on a pipe or socket, `select`,
    /// `poll`, `input()`.
    BlockedIo,
    /// Main only: its code ended, the interpreter waits for non-daemon threads.
    WaitingAtExit,
}

impl State {
    /// Every state, in legend order.
    pub const ALL: [State; 10] = [
        State::Running,
        State::Sleeping,
        State::WaitingGil,
        State::WaitingCpu,
        State::Starting,
        State::Joining,
        State::WaitingLock,
        State::Waiting,
        State::BlockedIo,
        State::WaitingAtExit,
    ];

    /// The state with this byte, if one has it.
    pub fn from_u8(b: u8) -> Option<State> {
        State::ALL.get(usize::from(b)).copied()
    }

    /// Blocked on another thread or object (not sleeping, not ready to run).
    pub fn is_blocked(self) -> bool {
        matches!(
            self,
            State::Joining | State::WaitingLock | State::Waiting | State::BlockedIo
        )
    }
}

/// What goes with a change of state, when it is known: what the thread
/// waits on, who holds it (or, for a join, the thread joined), and the line
/// of the program that made the change.
/// What a wait is on when it is the warnings module's lock (a scenario's
/// `warn` step): a token, which the views say in the reader's language.
pub const WARNINGS_ON: &str = "warnings";

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Detail {
    /// What it waits on, as a person reads it: `Lock vault (bank.py:2)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<String>,
    /// Who holds what it waits on, or the thread a join waits for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<ThreadId>,
    /// The program's own line that caused the change: `bank.py:14`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The wait has no timeout, and it has lasted (a traced program's
    /// tracer saw it go on for a while): only another thread can end it.
    /// False where that is not known (a wait with a timeout, a scenario's).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub forever: bool,
}

impl Detail {
    pub fn is_empty(&self) -> bool {
        self.on.is_none() && self.holder.is_none() && self.site.is_none() && !self.forever
    }

    /// A detail naming only the holder (a join's target, a lock's holder).
    pub fn holder(t: ThreadId) -> Detail {
        Detail {
            holder: Some(t),
            ..Detail::default()
        }
    }

    /// A detail naming only what is waited on.
    pub fn on(what: impl Into<String>) -> Detail {
        Detail {
            on: Some(what.into()),
            ..Detail::default()
        }
    }
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

/// The exception that ended a thread: `ValueError: bad input` at `x.py:7`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Raised {
    /// The exception's type, as Python names it.
    pub kind: String,
    #[serde(default)]
    pub message: String,
    /// Where it was raised, in the program's own code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
}

/// A stretch of what a thread cut short would still have done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GhostSpan {
    pub start: Nanos,
    pub end: Nanos,
    pub state: State,
}

/// A line a thread cut short would have printed, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GhostLine {
    pub at: Nanos,
    pub text: String,
}

/// Which stream a line was printed to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    #[default]
    Stdout,
    Stderr,
}

impl Stream {
    fn is_stdout(&self) -> bool {
        *self == Stream::Stdout
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &i64) -> bool {
    *n == 0
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
    State {
        state: State,
        #[serde(flatten)]
        detail: Detail,
    },
    /// The thread printed text: a whole line without its newline, or with
    /// `more`, a piece of a line that goes on (flushed before its end, as a
    /// prompt is).
    Output {
        text: String,
        #[serde(default, skip_serializing_if = "Stream::is_stdout")]
        stream: Stream,
        #[serde(default, skip_serializing_if = "is_false")]
        more: bool,
    },
    /// The main module's code has finished.
    MainCodeEnd,
    /// The process exited with this code.
    ProcessExit { code: i32 },
    /// The thread called `os._exit` (at `site`, in the program's code): the
    /// process ends at once, whatever its other threads are doing.
    OsExit {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        site: Option<String>,
    },
    /// The thread's life is over; with the exception that ended it, if one did.
    /// A second one at the same instant says how it ended instead (a
    /// child process's exit code can come after its end); a later one is
    /// ignored.
    Ended {
        outcome: Outcome,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        raised: Option<Raised>,
    },
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
        /// Of those `expected`, the updates never made by then (a thread
        /// cut short or failed before them, or never got to them): no
        /// race lost them.
        #[serde(default, skip_serializing_if = "is_zero")]
        missing: i64,
    },
    /// The interpreter the program runs on (or that a scenario models):
    /// its version, and whether it has a GIL.
    Interpreter { version: String, gil: bool },
    /// The CPU time the thread has used so far, measured by the operating
    /// system (a traced program's threads, sampled from `/proc`).
    Cpu { ns: Nanos },
    /// What the thread, cut short, would still have done had the process
    /// not exited: the rest of its program as a scenario knows it (the same
    /// seed gives the same ghost), up to where it would have ended, or
    /// waited on another thread (`waits`).
    Ghost {
        spans: Vec<GhostSpan>,
        lines: Vec<GhostLine>,
        #[serde(default, skip_serializing_if = "is_false")]
        waits: bool,
    },
}

impl EventKind {
    /// Entering `state` with nothing more known.
    pub fn state(state: State) -> EventKind {
        EventKind::State {
            state,
            detail: Detail::default(),
        }
    }

    /// Entering `state` with `detail`.
    pub fn state_with(state: State, detail: Detail) -> EventKind {
        EventKind::State { state, detail }
    }

    /// A whole line printed to stdout.
    pub fn line(text: impl Into<String>) -> EventKind {
        EventKind::Output {
            text: text.into(),
            stream: Stream::Stdout,
            more: false,
        }
    }

    /// The end of a life, with no exception.
    pub fn ended(outcome: Outcome) -> EventKind {
        EventKind::Ended {
            outcome,
            raised: None,
        }
    }
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

/// Events as they cross a channel: one (a scenario thread's step) or many
/// at once (what a trace reader decoded from one read, what a replay has
/// due), so a producer with many pays for one send, not one each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Batch {
    One(Event),
    Many(Vec<Event>),
}

impl From<Event> for Batch {
    fn from(ev: Event) -> Self {
        Batch::One(ev)
    }
}

impl From<Vec<Event>> for Batch {
    fn from(evs: Vec<Event>) -> Self {
        Batch::Many(evs)
    }
}

impl IntoIterator for Batch {
    type Item = Event;
    type IntoIter = std::iter::Chain<std::option::IntoIter<Event>, std::vec::IntoIter<Event>>;

    /// Its events in the order they were sent.
    fn into_iter(self) -> Self::IntoIter {
        match self {
            Batch::One(ev) => Some(ev).into_iter().chain(Vec::new()),
            Batch::Many(evs) => None.into_iter().chain(evs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_change_reads_as_flat_json_and_back() {
        let e = Event::new(
            1,
            5,
            2,
            EventKind::state_with(
                State::WaitingLock,
                Detail {
                    on: Some("Lock vault (bank.py:2)".into()),
                    holder: Some(1),
                    site: Some("bank.py:14".into()),
                    forever: true,
                },
            ),
        );
        let s = serde_json::to_string(&e).unwrap();
        assert_eq!(
            s,
            r#"{"run":1,"at":5,"thread":2,"kind":"state","state":"waiting_lock","on":"Lock vault (bank.py:2)","holder":1,"site":"bank.py:14","forever":true}"#
        );
        assert_eq!(serde_json::from_str::<Event>(&s).unwrap(), e);
        let plain = Event::new(1, 5, 2, EventKind::state(State::Running));
        let s = serde_json::to_string(&plain).unwrap();
        assert_eq!(
            s,
            r#"{"run":1,"at":5,"thread":2,"kind":"state","state":"running"}"#
        );
        assert_eq!(serde_json::from_str::<Event>(&s).unwrap(), plain);
    }

    #[test]
    fn states_are_one_byte_and_round_trip_through_it() {
        assert_eq!(size_of::<State>(), 1);
        for s in State::ALL {
            assert_eq!(State::from_u8(s as u8), Some(s));
        }
        assert_eq!(State::from_u8(200), None);
    }

    #[test]
    fn seconds_stay_within_the_bound() {
        assert_eq!(secs(1e308), MAX_TIME);
        assert_eq!(secs(-1.0), 0);
        assert_eq!(secs(f64::NAN), 0);
    }
}
