//! The decisions that depend on other threads: who could still act before
//! a time, when the exit can come, what output is final. Each reads the
//! [`Board`](super::board::Board) (the first entries of an ordered set, and
//! one look per thread that others wait on) instead of every thread; child
//! processes are looked at one by one.
//!
//! Ties in program time go to the lower thread id throughout.

use super::board::Board;
use super::shared::Shared;
use super::thread::EXIT_COST;
use crate::event::{MAIN, Nanos, ThreadId};

impl Shared {
    /// The earliest a waiting request can be served: when a place is free,
    /// or else not before a holder acts.
    pub(super) fn place_bound(&self) -> Nanos {
        self.free_at().unwrap_or_else(|| {
            self.places
                .holders
                .iter()
                .map(|&h| self.slot(h).horizon)
                .min()
                .unwrap_or(0)
        })
    }

    /// A lower bound on when thread `i` acts next (`freed`: the
    /// [`place_bound`](Self::place_bound)).
    pub(super) fn next_action(&self, i: usize, depth: usize, freed: Nanos) -> Nanos {
        let s = self.slot(i);
        if let Some(e) = s.end {
            return e;
        }
        // Not started yet: it acts only after another thread starts it, so
        // that thread's own next action already bounds it (and those who
        // join it wait on that, not on its slot's zero horizon).
        if !s.started {
            return Nanos::MAX;
        }
        if let Some(q) = s.request {
            return q.max(freed);
        }
        match s.joining {
            // A joiner runs again only after its target has ended.
            Some(t) if depth < self.slots().len() => self
                .next_action(t as usize, depth + 1, freed)
                .saturating_add(1),
            Some(_) => Nanos::MAX,
            None => s.horizon,
        }
    }

    /// When the threads waiting on `target` act next, at the earliest.
    fn group_action(&self, target: ThreadId, freed: Nanos) -> Nanos {
        self.next_action(target as usize, 1, freed)
            .saturating_add(1)
    }

    /// At the end of `me`'s switch interval at `t`: no request before it
    /// waits, and the free places outnumber every thread that could still
    /// ask before it, so each of those gets a free place and nobody will
    /// need `me`'s. (The answer a settled decision would give, without
    /// waiting for it.)
    fn indexed_nobody_needs_a_place(&self, me: ThreadId, t: Nanos) -> bool {
        if self.places.queue.first().is_some_and(|&r| r < (t, me)) {
            return false;
        }
        let freed = self.place_bound();
        let room = self.places.free.len();
        let key = (t, me);
        // Those that could ask before `me`: idle ones in order, then the
        // waiters of each thread waited on.
        let mut could = 0;
        for &(h, j) in &self.board.idle {
            if (h, j) >= key || could > room {
                break;
            }
            could += usize::from(j != me);
        }
        for (&target, g) in &self.board.groups {
            if could > room {
                break;
            }
            let e = self.group_action(target, freed);
            could += match e.cmp(&t) {
                std::cmp::Ordering::Less => g.ids.len() - usize::from(g.ids.contains(&me)),
                std::cmp::Ordering::Equal => g.ids.range(..me).count(),
                std::cmp::Ordering::Greater => 0,
            };
        }
        could <= room
    }

    /// No thread but `me` could still ask for a place at a time before `t`
    /// (ties go to the lower thread id).
    fn indexed_settled(&self, me: ThreadId, t: Nanos) -> bool {
        let key = (t, me);
        if Board::first_but(&self.board.idle, me).is_some_and(|e| e <= key) {
            return false;
        }
        let freed = self.place_bound();
        self.board.groups.iter().all(|(&target, g)| {
            g.ids
                .iter()
                .find(|&&j| j != me)
                .is_none_or(|&j| (self.group_action(target, freed), j) > key)
        })
    }

    /// Thread `j` is alive and could still act before `t`.
    pub fn can_act_before(&self, j: usize, t: Nanos) -> bool {
        let freed = self.place_bound();
        self.slot(j).end.is_none() && self.next_action(j, 0, freed) < t
    }

    /// No thread of this process but `me` could still act before `t`:
    /// what they did before it is all known (reading shared data at `t`
    /// waits for this).
    fn indexed_others_past(&self, me: ThreadId, t: Nanos) -> bool {
        let freed = self.place_bound();
        let idle = Board::first_but(&self.board.idle, me).is_none_or(|(h, _)| h >= t);
        let asking = self.places.queue.iter().find(|&&(_, j)| j != me);
        idle && asking.is_none_or(|&(q, _)| q.max(freed) >= t)
            && self.board.groups.iter().all(|(&target, g)| {
                g.ids.iter().all(|&j| j == me) || self.group_action(target, freed) >= t
            })
    }

    /// No thread of this process but `me` could still act before `t`, nor
    /// at `t` before `me` (ties go to the lower id): a decision `me` takes
    /// at `t` about something shared (a lock without the GIL) is its to take.
    fn indexed_first_at(&self, me: ThreadId, t: Nanos) -> bool {
        let key = (t, me);
        if Board::first_but(&self.board.idle, me).is_some_and(|e| e <= key) {
            return false;
        }
        let freed = self.place_bound();
        // A thread waiting for a place while every place is held cannot
        // act before a holder lets go: at `t`, it comes after.
        let behind = self.places.free.is_empty();
        for &(q, j) in &self.places.queue {
            let e = q.max(freed);
            if j == me {
                continue;
            }
            if e > t {
                break; // the rest asked later still
            }
            if e < t || !(j > me || behind) {
                return false;
            }
        }
        self.board.groups.iter().all(|(&target, g)| {
            g.ids
                .iter()
                .find(|&&j| j != me)
                .is_none_or(|&j| (self.group_action(target, freed), j) > key)
        })
    }

    /// The earliest time thread `i` could print next.
    pub(super) fn earliest(&self, i: usize, depth: usize) -> Nanos {
        let s = self.slot(i);
        if let Some(e) = s.end {
            return if depth == 0 { Nanos::MAX } else { e };
        }
        match s.joining {
            Some(t) if depth < self.slots().len() => {
                s.horizon.max(self.earliest(t as usize, depth + 1))
            }
            _ => s.horizon,
        }
    }

    /// Every output line earlier than this has been sent: no live thread
    /// can print before it.
    fn indexed_output_watermark(&self) -> Nanos {
        let unjoined = self.board.unjoined.first().map_or(Nanos::MAX, |e| e.0);
        let joiners = self.board.groups.iter().map(|(&target, g)| {
            let first = g.by_horizon.first().map_or(Nanos::MAX, |e| e.0);
            first.max(self.earliest(target as usize, 1))
        });
        let remote = self.remote.iter().filter(|&&i| {
            let s = self.slot(i);
            s.started && s.end.is_none()
        });
        let both = self.board.both.iter().map(|&i| i as usize);
        remote
            .copied()
            .chain(both)
            .map(|i| self.earliest(i, 0))
            .chain(joiners)
            .fold(unjoined, Nanos::min)
    }

    /// The latest of when the live non-daemon threads (main aside) act
    /// next, if any is alive.
    fn non_daemons_next(&self, freed: Nanos) -> Option<Nanos> {
        let b = &self.board;
        let idle = b.nd_idle.last().map(|e| e.0);
        let asking = b.nd_queue.last().map(|e| e.0.max(freed));
        let joiners = b
            .groups
            .iter()
            .filter(|(_, g)| g.non_daemon > 0)
            .map(|(&target, _)| self.group_action(target, freed));
        let remote = self
            .remote
            .iter()
            .filter(|&&i| {
                let s = self.slot(i);
                i != MAIN as usize && s.started && !s.daemon && s.end.is_none()
            })
            .map(|&i| self.next_action(i, 0, freed));
        let all = idle.into_iter().chain(asking).chain(joiners).chain(remote);
        all.max()
    }

    /// A lower bound on when the process exits, while it has not: after
    /// main's code and every live non-daemon thread have ended, and
    /// [`EXIT_COST`] later. A daemon may act at `t` only once this is at
    /// or after `t`: otherwise the exit could still come first.
    fn indexed_exit_not_before(&self) -> Nanos {
        if let Some(x) = self.exit_at {
            return x;
        }
        let freed = self.place_bound();
        let main_bound = self.main_exit_bound(freed);
        self.non_daemons_next(freed)
            .map_or(main_bound, |n| main_bound.max(n.saturating_add(EXIT_COST)))
    }

    /// Not before main's code ends (or its planned exit), and
    /// [`EXIT_COST`] later.
    pub(super) fn main_exit_bound(&self, freed: Nanos) -> Nanos {
        match (self.planned_exit, self.code_end) {
            (Some(x), _) => x,
            (None, Some(end)) => end.saturating_add(EXIT_COST),
            (None, None) => self
                .next_action(MAIN as usize, 0, freed)
                .saturating_add(EXIT_COST),
        }
    }

    /// The child processes that count for the exit (non-daemon, started).
    fn remote_non_daemons(&self) -> impl Iterator<Item = &super::shared::Slot> {
        self.remote
            .iter()
            .filter(|&&i| i != MAIN as usize)
            .map(|&i| self.slot(i))
            .filter(|s| s.started && !s.daemon)
    }

    /// At `t`: is a started non-daemon thread (main aside) alive then?
    /// None while that is not settled (one could still end by `t`).
    fn indexed_non_daemon_alive_at(&self, t: Nanos) -> Option<bool> {
        let freed = self.place_bound();
        let ended_after = |e: Option<Nanos>| e.is_some_and(|e| e > t);
        if ended_after(self.board.nd_ended.last().map(|e| e.0))
            || self.remote_non_daemons().any(|s| ended_after(s.end))
            || self.non_daemons_next(freed).is_some_and(|n| n > t)
        {
            return Some(true);
        }
        let live = self.board.nd_alive > 0 || self.remote_non_daemons().any(|s| s.end.is_none());
        (!live).then_some(false)
    }

    /// Main's wait at exit: the last end of a started non-daemon thread
    /// (main aside), or None while one is still alive.
    fn indexed_non_daemons_done(&self) -> Option<Nanos> {
        if self.board.nd_alive > 0 {
            return None;
        }
        let mut last = self.board.nd_ended.last().map_or(0, |e| e.0);
        for s in self.remote_non_daemons() {
            last = last.max(s.end?);
        }
        Some(last)
    }

    // The decisions, each checked against the scan it replaced (see
    // `scan_check.rs`) in debug builds on runs small enough to scan.

    /// At the end of `me`'s switch interval at `t`: no request before it
    /// waits, and the free places outnumber every thread that could still
    /// ask before it, so each of those gets a free place and nobody will
    /// need `me`'s. (The answer a settled decision would give, without
    /// waiting for it.)
    pub fn nobody_needs_a_place(&self, me: ThreadId, t: Nanos) -> bool {
        let r = self.indexed_nobody_needs_a_place(me, t);
        #[cfg(debug_assertions)]
        self.check(
            &r,
            || self.scanned_nobody_needs_a_place(me, t),
            "nobody_needs_a_place",
        );
        r
    }

    /// No thread but `me` could still ask for a place at a time before `t`
    /// (ties go to the lower thread id).
    pub fn settled(&self, me: ThreadId, t: Nanos) -> bool {
        let r = self.indexed_settled(me, t);
        #[cfg(debug_assertions)]
        self.check(&r, || self.scanned_settled(me, t), "settled");
        r
    }

    /// No thread of this process but `me` could still act before `t`:
    /// what they did before it is all known (reading shared data at `t`
    /// waits for this).
    pub fn others_past(&self, me: ThreadId, t: Nanos) -> bool {
        let r = self.indexed_others_past(me, t);
        #[cfg(debug_assertions)]
        self.check(&r, || self.scanned_others_past(me, t), "others_past");
        r
    }

    /// No thread of this process but `me` could still act before `t`, nor
    /// at `t` before `me` (ties go to the lower id): a decision `me` takes
    /// at `t` about something shared (a lock without the GIL) is its to take.
    pub fn first_at(&self, me: ThreadId, t: Nanos) -> bool {
        let r = self.indexed_first_at(me, t);
        #[cfg(debug_assertions)]
        self.check(&r, || self.scanned_first_at(me, t), "first_at");
        r
    }

    /// Every output line earlier than this has been sent: no live thread
    /// can print before it.
    pub fn output_watermark(&self) -> Nanos {
        let r = self.indexed_output_watermark();
        #[cfg(debug_assertions)]
        self.check(&r, || self.scanned_output_watermark(), "output_watermark");
        r
    }

    /// A lower bound on when the process exits, while it has not: after
    /// main's code and every live non-daemon thread have ended, and
    /// [`EXIT_COST`] later. A daemon may act at `t` only once this is at
    /// or after `t`: otherwise the exit could still come first.
    pub fn exit_not_before(&self) -> Nanos {
        let r = self.indexed_exit_not_before();
        #[cfg(debug_assertions)]
        self.check(&r, || self.scanned_exit_not_before(), "exit_not_before");
        r
    }

    /// At `t`: is a started non-daemon thread (main aside) alive then?
    /// None while that is not settled (one could still end by `t`).
    pub fn non_daemon_alive_at(&self, t: Nanos) -> Option<bool> {
        let r = self.indexed_non_daemon_alive_at(t);
        #[cfg(debug_assertions)]
        self.check(
            &r,
            || self.scanned_non_daemon_alive_at(t),
            "non_daemon_alive_at",
        );
        r
    }

    /// Main's wait at exit: the last end of a started non-daemon thread
    /// (main aside), or None while one is still alive.
    pub fn non_daemons_done(&self) -> Option<Nanos> {
        let r = self.indexed_non_daemons_done();
        #[cfg(debug_assertions)]
        self.check(&r, || self.scanned_non_daemons_done(), "non_daemons_done");
        r
    }
}

#[cfg(test)]
mod tests {
    use super::Shared;

    #[test]
    fn a_join_on_a_thread_not_started_yet_holds_nobody_back() {
        // Main (0) sleeps until 500; j (1) joins w (2), which main starts
        // only then: j cannot act before w has run, so main may go on.
        let mut s = Shared::new(&[false; 3], &[false; 3], (1, 2), 0);
        s.edit(0usize).horizon = 500;
        let mut j = s.edit(1usize);
        j.started = true;
        j.joining = Some(2);
        drop(j);
        assert!(s.settled(0, 500));
        assert!(s.others_past(0, 500));
        assert!(!s.can_act_before(1, 1_000));
    }
}
