//! What few tracks have, in one box the others never allocate: the
//! exception that ended a thread, what a thread cut short would still have
//! done, and a child process's pid and exit code.

use super::track::Track;
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

/// The rare fields, read and set (the box allocated only to hold one).
impl Track {
    fn rare(&self) -> Option<&Rare> {
        self.rare.as_deref()
    }

    /// Changes the rare fields (the box kept only while one is set).
    fn rare_mut<R>(&mut self, f: impl FnOnce(&mut Rare) -> R) -> R {
        let rare = self.rare.get_or_insert_with(Box::default);
        let out = f(rare);
        if rare.is_empty() {
            self.rare = None;
        }
        out
    }

    /// The exception that ended it, if one did.
    pub fn raised(&self) -> Option<&Raised> {
        self.rare()?.raised.as_ref()
    }

    pub fn set_raised(&mut self, raised: Option<Raised>) {
        if raised.is_some() || self.rare.is_some() {
            self.rare_mut(|r| r.raised = raised);
        }
    }

    /// Cut short: what it would still have done.
    pub fn ghost(&self) -> Option<&Ghost> {
        self.rare()?.ghost.as_ref()
    }

    /// Sets its ghost; returns the one it replaces.
    pub fn set_ghost(&mut self, ghost: Option<Ghost>) -> Option<Ghost> {
        if ghost.is_none() && self.rare.is_none() {
            return None;
        }
        self.rare_mut(|r| std::mem::replace(&mut r.ghost, ghost))
    }

    /// For the main thread of a child process: its pid.
    pub fn pid(&self) -> Option<u32> {
        self.rare()?.pid
    }

    pub fn set_pid(&mut self, pid: Option<u32>) {
        if pid.is_some() || self.rare.is_some() {
            self.rare_mut(|r| r.pid = pid);
        }
    }

    /// A child process's `exitcode` once it ended (-N: killed by signal N).
    pub fn exit_code(&self) -> Option<i32> {
        self.rare()?.exit_code
    }

    pub fn set_exit_code(&mut self, code: Option<i32>) {
        if code.is_some() || self.rare.is_some() {
            self.rare_mut(|r| r.exit_code = code);
        }
    }
}
