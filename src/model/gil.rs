//! Who holds the GIL over time, for the lane above the threads: folded
//! from the threads' own states as they come (a thread of the program's
//! process that runs holds it; child processes have GILs of their own),
//! so drawing the lane reads only the hand-overs in the window.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::event::{MAX_TIME, Nanos, ThreadId};

/// No thread holds it.
const FREE: ThreadId = ThreadId::MAX;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GilLane {
    /// From each time on, who holds it (`FREE`: nobody); times increasing.
    marks: Vec<(Nanos, ThreadId)>,
    /// The threads running now, by when they began to (the latest last):
    /// a map, not a list, as thousands may run at once in the model (a
    /// list's search made a run of 50,000 threads quadratic).
    running: BTreeMap<u64, ThreadId>,
    /// Each running thread's key in `running`.
    since: HashMap<ThreadId, u64>,
    /// The next key.
    seq: u64,
    /// Threads of child processes, which never hold this process's GIL.
    elsewhere: HashSet<ThreadId>,
}

impl GilLane {
    fn holder(&self) -> ThreadId {
        self.running.last_key_value().map_or(FREE, |(_, &t)| t)
    }

    /// After a change at `at`: note the new holder, if it changed.
    fn note(&mut self, before: ThreadId, at: Nanos) {
        let now = self.holder();
        if now == before {
            return;
        }
        let at = at.min(MAX_TIME);
        match self.marks.last_mut() {
            // Times never go back; a change at the same instant replaces.
            Some(last) if at <= last.0 => last.1 = now,
            _ => self.marks.push((at, now)),
        }
        if self.marks.len() >= 2 && self.marks[self.marks.len() - 2].1 == now {
            self.marks.pop();
        }
    }

    /// `thread` entered a state at `at`: running or not.
    pub fn state(&mut self, thread: ThreadId, at: Nanos, running: bool) {
        if self.elsewhere.contains(&thread) {
            return;
        }
        let before = self.holder();
        if let Some(k) = self.since.remove(&thread) {
            self.running.remove(&k);
        }
        if running {
            self.seq += 1;
            self.running.insert(self.seq, thread);
            self.since.insert(thread, self.seq);
        }
        self.note(before, at);
    }

    /// `thread` was created by `parent`: in a child process if it is.
    pub fn spawned(&mut self, thread: ThreadId, parent: Option<ThreadId>) {
        if parent.is_some_and(|p| self.elsewhere.contains(&p)) {
            self.elsewhere.insert(thread);
        }
    }

    /// `thread` stands for a child process from `at` on.
    pub fn process(&mut self, thread: ThreadId, at: Nanos) {
        self.state(thread, at, false);
        self.elsewhere.insert(thread);
    }

    /// Who held it longest within `[a, b)`, if anybody held it there.
    pub fn holder_in(&self, a: Nanos, b: Nanos) -> Option<ThreadId> {
        if b <= a {
            return None;
        }
        let first = self.marks.partition_point(|m| m.0 <= a).checked_sub(1);
        let from = first.unwrap_or(0);
        let mut best: Option<(Nanos, ThreadId)> = None;
        // Few threads share one cell: a short list beats a map.
        let mut shares: Vec<(ThreadId, Nanos)> = Vec::new();
        for (k, &(start, who)) in self.marks.iter().enumerate().skip(from) {
            if start >= b {
                break;
            }
            let end = self.marks.get(k + 1).map_or(b, |m| m.0.min(b));
            let len = end.saturating_sub(start.max(a));
            if who == FREE || len == 0 {
                continue;
            }
            let total = match shares.iter_mut().find(|(t, _)| *t == who) {
                Some((_, n)) => {
                    *n += len;
                    *n
                }
                None => {
                    shares.push((who, len));
                    len
                }
            };
            if best.is_none_or(|(n, _)| total > n) {
                best = Some((total, who));
            }
        }
        best.map(|(_, who)| who)
    }

    /// Hand-overs kept (for the memory figures).
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_is_who_ran_longest_in_the_cell() {
        let mut g = GilLane::default();
        g.state(0, 0, true);
        g.state(0, 10, false);
        g.state(1, 10, true);
        g.state(1, 40, false);
        g.state(0, 40, true);
        assert_eq!(g.holder_in(0, 40), Some(1));
        assert_eq!(g.holder_in(0, 10), Some(0));
        assert_eq!(g.holder_in(45, 50), Some(0));
        g.state(0, 50, false);
        assert_eq!(g.holder_in(60, 70), None, "free after 50");
    }

    #[test]
    fn child_processes_hold_their_own_gil() {
        let mut g = GilLane::default();
        g.state(1, 0, true);
        g.process(1, 5);
        g.spawned(2, Some(1));
        g.state(2, 6, true);
        g.state(0, 7, true);
        assert_eq!(g.holder_in(0, 5), Some(1));
        assert_eq!(g.holder_in(6, 10), Some(0));
    }

    #[test]
    fn a_thread_still_running_holds_it_when_the_newer_one_stops() {
        let mut g = GilLane::default();
        g.state(0, 0, true);
        g.state(1, 5, true);
        g.state(1, 8, false);
        assert_eq!(g.holder_in(5, 8), Some(1));
        assert_eq!(g.holder_in(8, 9), Some(0));
        assert_eq!(g.len(), 3);
    }
}
