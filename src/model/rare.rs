//! What few tracks have, in one box the others never allocate: the
//! exception that ended a thread, what a thread cut short would still have
//! done, and a child process's pid and exit code.

use crate::event::{GhostLine, GhostSpan, Nanos, Raised, State};

/// What a thread cut short would still have done (see `EventKind::Ghost`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ghost {
    pub spans: Vec<GhostSpan>,
    pub lines: Vec<GhostLine>,
    /// It would then have waited on another thread (its ghost stops there).
    pub waits: bool,
}

impl Ghost {
    /// Where it would have ended (or begun to wait).
    pub fn end(&self) -> Option<Nanos> {
        let spans = self.spans.last().map(|s| s.end);
        let lines = self.lines.last().map(|l| l.at);
        spans.max(lines)
    }

    /// Time it would still have spent in `state`.
    pub fn time_in(&self, state: State) -> Nanos {
        self.spans
            .iter()
            .filter(|s| s.state == state)
            .map(|s| s.end - s.start)
            .sum()
    }
}

/// A track's rare fields; a track holds the box only while one is set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rare {
    /// The exception that ended it, if one did.
    pub raised: Option<Raised>,
    /// Cut short: what it would still have done.
    pub ghost: Option<Ghost>,
    /// For the main thread of a child process: its pid…
    pub pid: Option<u32>,
    /// …and its `exitcode` once it ended (-N: killed by signal N).
    pub exit_code: Option<i32>,
}

impl Rare {
    pub fn is_empty(&self) -> bool {
        self.raised.is_none()
            && self.ghost.is_none()
            && self.pid.is_none()
            && self.exit_code.is_none()
    }
}
