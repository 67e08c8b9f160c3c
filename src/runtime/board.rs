//! The run's threads indexed by what the scheduler asks of them, kept up to
//! date as each slot changes (`Shared::edit`), so that a decision reads a
//! few ordered sets instead of scanning every thread: with ten thousand
//! threads a scan at every step cost more than the program.
//!
//! Only this process's own threads are indexed; child processes (a few at
//! most) are looked at one by one where they count.

use std::collections::{BTreeMap, BTreeSet};

use super::shared::Slot;
use crate::event::{MAIN, Nanos, ThreadId};

/// What the index knows of one thread: the fields its decisions read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry {
    /// Started and not ended.
    live: bool,
    /// Started, and ended then.
    ended: Option<Nanos>,
    request: Option<Nanos>,
    joining: Option<ThreadId>,
    horizon: Nanos,
}

impl Entry {
    pub fn of(s: &Slot) -> Entry {
        if s.remote || !s.started {
            return Entry::default();
        }
        Entry {
            live: s.end.is_none(),
            ended: s.end,
            request: s.request.filter(|_| s.end.is_none()),
            joining: s.joining.filter(|_| s.end.is_none()),
            horizon: s.horizon,
        }
    }

    /// Alive, not asking for a place, not waiting on another thread.
    fn idle(&self) -> bool {
        self.live && self.request.is_none() && self.joining.is_none()
    }
}

/// The live threads waiting on one thread (joining it, or waiting for a
/// lock it holds): they all act next just after it does.
#[derive(Debug, Default)]
pub struct Group {
    /// By id (the lowest other than the asker breaks a tie).
    pub ids: BTreeSet<ThreadId>,
    /// By horizon (the earliest prints first).
    pub by_horizon: BTreeSet<(Nanos, ThreadId)>,
    /// How many are non-daemon workers (main aside).
    pub non_daemon: usize,
}

#[derive(Debug, Default)]
pub struct Board {
    entries: Vec<Entry>,
    /// Whether a thread counts for the exit (a non-daemon worker, main aside).
    counts: Vec<bool>,
    /// Alive, asking for nothing, waiting on nobody: by horizon.
    pub idle: BTreeSet<(Nanos, ThreadId)>,
    /// Alive and waiting on nobody (asking for a place or not): by horizon.
    pub unjoined: BTreeSet<(Nanos, ThreadId)>,
    /// Alive and waiting on another thread (and for nothing else), by
    /// that thread.
    pub groups: BTreeMap<ThreadId, Group>,
    /// Alive, waiting on another thread and asking for a place at once
    /// (never seen; kept exact all the same).
    pub both: BTreeSet<ThreadId>,
    /// Non-daemon workers: idle ones by horizon, those asking for a place
    /// by when they asked, those ended by their end, and how many live.
    pub nd_idle: BTreeSet<(Nanos, ThreadId)>,
    pub nd_queue: BTreeSet<(Nanos, ThreadId)>,
    pub nd_ended: BTreeSet<(Nanos, ThreadId)>,
    pub nd_alive: usize,
}

impl Board {
    pub fn new(slots: &[Slot]) -> Board {
        let mut b = Board {
            entries: vec![Entry::default(); slots.len()],
            counts: slots
                .iter()
                .enumerate()
                .map(|(i, s)| i != MAIN as usize && !s.daemon && !s.remote)
                .collect(),
            ..Board::default()
        };
        for (i, s) in slots.iter().enumerate() {
            b.update(i, s);
        }
        b
    }

    /// Slot `i` may have changed: move it where it belongs now.
    pub fn update(&mut self, i: usize, slot: &Slot) {
        let new = Entry::of(slot);
        let old = self.entries[i];
        if new == old {
            return;
        }
        self.put(i, old, false);
        self.put(i, new, true);
        self.entries[i] = new;
    }

    /// Add (`add`) or take away thread `i`'s entries for `e`.
    fn put(&mut self, i: usize, e: Entry, add: bool) {
        let id = i as ThreadId;
        let counts = self.counts[i];
        let key = (e.horizon, id);
        fn set<T: Ord>(s: &mut BTreeSet<T>, v: T, add: bool) {
            if add {
                s.insert(v);
            } else {
                s.remove(&v);
            }
        }
        if e.idle() {
            set(&mut self.idle, key, add);
            if counts {
                set(&mut self.nd_idle, key, add);
            }
        }
        if e.live && e.joining.is_none() {
            set(&mut self.unjoined, key, add);
        }
        if let (true, Some(q)) = (counts, e.request) {
            set(&mut self.nd_queue, (q, id), add);
        }
        if e.live && e.request.is_some() && e.joining.is_some() {
            set(&mut self.both, id, add);
        }
        if let (Some(target), None) = (e.joining, e.request) {
            let g = self.groups.entry(target).or_default();
            set(&mut g.ids, id, add);
            set(&mut g.by_horizon, key, add);
            if counts {
                if add {
                    g.non_daemon += 1;
                } else {
                    g.non_daemon -= 1;
                }
            }
            if g.ids.is_empty() {
                self.groups.remove(&target);
            }
        }
        if counts {
            if let Some(end) = e.ended {
                set(&mut self.nd_ended, (end, id), add);
            }
            if e.live {
                if add {
                    self.nd_alive += 1;
                } else {
                    self.nd_alive -= 1;
                }
            }
        }
    }

    /// The first entry of `set` that is not `me`'s.
    pub fn first_but(set: &BTreeSet<(Nanos, ThreadId)>, me: ThreadId) -> Option<(Nanos, ThreadId)> {
        set.iter().find(|&&(_, j)| j != me).copied()
    }
}
