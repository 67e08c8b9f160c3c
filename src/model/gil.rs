//! Who holds the GIL over time, for the lane above the threads: folded
//! from the threads' own states as they come (a thread of the program's
//! process that runs holds it; child processes have GILs of their own),
//! so drawing the lane reads only the hand-overs in the window.

use hashbrown::{HashMap, HashSet};

use super::times::Times;
use crate::event::{MAX_TIME, Nanos, ThreadId};

/// No thread holds it.
const FREE: ThreadId = ThreadId::MAX;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GilLane {
    /// From each time on, who holds it (`FREE`: nobody); times increasing.
    /// (kept as two arrays, the times 4 bytes each: 8 bytes a hand-over,
    /// not 16 as pairs of a time and a holder)
    times: Times,
    holders: Vec<ThreadId>,
    /// The threads running now, by when they began to (the latest last),
    /// with entries of threads that stopped since (stale): one is dropped
    /// when it comes to the top, and all of them at once when they
    /// outnumber the live ones, so each change costs O(1) amortised
    /// however many threads run at once (a search of the list made a run
    /// of 50,000 threads quadratic; an ordered map cost more per change).
    running: Vec<(u64, ThreadId)>,
    /// Stale entries in `running`.
    stale: usize,
    /// Each running thread's key in `running`.
    since: HashMap<ThreadId, u64>,
    /// The next key.
    seq: u64,
    /// Threads of child processes, which never hold this process's GIL.
    elsewhere: HashSet<ThreadId>,
}

impl GilLane {
    fn holder(&mut self) -> ThreadId {
        while let Some(&(k, t)) = self.running.last() {
            if self.since.get(&t) == Some(&k) {
                return t;
            }
            self.running.pop();
            self.stale -= 1;
        }
        FREE
    }

    /// After a change at `at`: note the new holder, if it changed.
    fn note(&mut self, before: ThreadId, at: Nanos) {
        let now = self.holder();
        if now == before {
            return;
        }
        let at = at.min(MAX_TIME);
        match self.times.last() {
            // Times never go back; a change at the same instant replaces.
            Some(last) if at <= last => *self.holders.last_mut().expect("as many") = now,
            _ => {
                if self.times.is_full() {
                    // Grown by a quarter, not doubled: a run of 10,000
                    // threads has some 30,000–60,000 hand-overs, and a
                    // doubled pair of arrays would hold up to 8 bytes
                    // unused for each one kept.
                    let more = self.times.len() / 4 + 16;
                    self.times.reserve_exact(more);
                    self.holders.reserve_exact(more);
                }
                self.times.push(at);
                self.holders.push(now);
            }
        }
        let n = self.holders.len();
        if n >= 2 && self.holders[n - 2] == now {
            self.times.pop();
            self.holders.pop();
        }
    }

    /// `thread` entered a state at `at`: running or not.
    pub fn state(&mut self, thread: ThreadId, at: Nanos, running: bool) {
        if self.elsewhere.contains(&thread) {
            return;
        }
        let before = self.holder();
        if self.since.remove(&thread).is_some() {
            self.stale += 1;
        }
        if running {
            self.seq += 1;
            self.running.push((self.seq, thread));
            self.since.insert(thread, self.seq);
        }
        if self.stale > self.since.len().max(16) {
            let since = &self.since;
            self.running.retain(|&(k, t)| since.get(&t) == Some(&k));
            self.stale = 0;
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

    /// Who held it longest within `[a, b)`, if anybody held it there (of
    /// those who held it as long, the one who got there first).
    pub fn holder_in(&self, a: Nanos, b: Nanos) -> Option<ThreadId> {
        if b <= a {
            return None;
        }
        let from = self.times.count_upto(a).saturating_sub(1);
        let ends = self.times.iter_from(from + 1).map(|t| t.min(b)).chain([b]);
        // Each holder's turns inside the cell, in time order.
        let turns = self
            .times
            .iter_from(from)
            .zip(self.holders.get(from..).unwrap_or(&[]))
            .zip(ends)
            .take_while(|&((start, _), _)| start < b)
            .map(|((start, &who), end)| (who, end.saturating_sub(start.max(a))))
            .filter(|&(who, len)| who != FREE && len > 0);
        // Few threads share one cell: a short list beats a map; a cell
        // over thousands of hand-overs (a zoomed-out run of many threads)
        // gets the map.
        let mut shares: Vec<(ThreadId, Nanos)> = Vec::new();
        let mut map: HashMap<ThreadId, Nanos> = HashMap::new();
        let mut best: Option<(Nanos, ThreadId)> = None;
        for (who, len) in turns {
            let total = if map.is_empty() && shares.len() < 32 {
                match shares.iter_mut().find(|(t, _)| *t == who) {
                    Some((_, n)) => {
                        *n += len;
                        *n
                    }
                    None => {
                        shares.push((who, len));
                        len
                    }
                }
            } else {
                if map.is_empty() {
                    map.extend(shares.drain(..));
                }
                let n = map.entry(who).or_insert(0);
                *n += len;
                *n
            };
            if best.is_none_or(|(n, _)| total > n) {
                best = Some((total, who));
            }
        }
        best.map(|(_, who)| who)
    }

    /// [`Self::holder_in`] of each cell between consecutive `edges`.
    pub fn holders(&self, edges: &[Nanos]) -> Vec<Option<ThreadId>> {
        edges
            .windows(2)
            .map(|c| self.holder_in(c[0], c[1]))
            .collect()
    }

    /// Heap bytes the hand-overs hold (capacity).
    pub fn bytes(&self) -> usize {
        self.times.bytes() + self.holders.capacity() * size_of::<ThreadId>()
    }

    /// Hand-overs kept (for the memory figures).
    pub fn len(&self) -> usize {
        self.times.len()
    }

    pub fn is_empty(&self) -> bool {
        self.times.len() == 0
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
    fn the_holder_is_the_latest_to_start_running_of_those_still_running() {
        let mut g = GilLane::default();
        let mut naive: Vec<ThreadId> = Vec::new(); // by when they began to run
        let mut rng = fastrand::Rng::with_seed(3);
        for at in 0..20_000 {
            let (t, running) = (rng.u32(0..40), rng.bool());
            g.state(t, at, running);
            naive.retain(|&x| x != t);
            if running {
                naive.push(t);
            }
            assert_eq!(
                g.holder(),
                naive.last().copied().unwrap_or(FREE),
                "after {at}"
            );
            assert!(
                g.running.len() <= 2 * g.since.len() + 17,
                "stale entries go"
            );
        }
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
