//! The whole-thread scans the [`Board`](super::board::Board) replaced,
//! kept as the definition of each decision: in debug builds every decision
//! on a run of at most [`CHECKED_UP_TO`] threads is checked against them
//! (so every runtime test checks the index); release builds never scan.
//! What reads no index (`place_bound`, `next_action`, `earliest`) is
//! shared with `decide.rs`, not scanned again.
#![cfg(debug_assertions)]

use std::fmt::Debug;

use super::shared::Shared;
use super::thread::EXIT_COST;
use crate::event::{Nanos, ThreadId};

/// Runs with more threads are not checked (a scan per decision is
/// quadratic in threads: a debug run of thousands would take minutes).
pub const CHECKED_UP_TO: usize = 256;

impl Shared {
    /// Panics unless `indexed` is what the scan says.
    pub(super) fn check<T: PartialEq + Debug>(
        &self,
        indexed: &T,
        scan: impl FnOnce() -> T,
        what: &str,
    ) {
        if self.slots().len() <= CHECKED_UP_TO {
            let scanned = scan();
            assert_eq!(*indexed, scanned, "{what}: the index and the scan disagree");
        }
    }

    pub(super) fn scanned_place_earliest(&self, i: usize, freed: Nanos) -> Nanos {
        let s = &self.slots()[i];
        if s.remote || !s.started || s.end.is_some() || s.request.is_some() {
            return Nanos::MAX;
        }
        self.next_action(i, 0, freed)
    }

    pub(super) fn scanned_nobody_needs_a_place(&self, me: ThreadId, t: Nanos) -> bool {
        if self.places.queue.first().is_some_and(|&r| r < (t, me)) {
            return false;
        }
        let freed = self.place_bound();
        let could = (0..self.slots().len())
            .filter(|&j| j != me as usize)
            .filter(|&j| {
                let e = self.scanned_place_earliest(j, freed);
                e < t || (e == t && j < me as usize)
            })
            .count();
        could <= self.places.free.len()
    }

    pub(super) fn scanned_settled(&self, me: ThreadId, t: Nanos) -> bool {
        let freed = self.place_bound();
        (0..self.slots().len())
            .filter(|&j| j != me as usize)
            .all(|j| {
                let e = self.scanned_place_earliest(j, freed);
                e > t || (e == t && j > me as usize)
            })
    }

    /// Every thread of this process but `me` that has started and not ended.
    fn scanned_live_others(&self, me: ThreadId) -> impl Iterator<Item = usize> + '_ {
        (0..self.slots().len()).filter(move |&j| {
            let s = &self.slots()[j];
            j != me as usize && s.started && s.end.is_none() && !s.remote
        })
    }

    pub(super) fn scanned_others_past(&self, me: ThreadId, t: Nanos) -> bool {
        let freed = self.place_bound();
        self.scanned_live_others(me)
            .all(|j| self.next_action(j, 0, freed) >= t)
    }

    pub(super) fn scanned_first_at(&self, me: ThreadId, t: Nanos) -> bool {
        let freed = self.place_bound();
        self.scanned_live_others(me).all(|j| {
            let e = self.next_action(j, 0, freed);
            // A thread waiting for a place while every place is held
            // cannot act before a holder lets go: it comes after.
            let behind = self.slots()[j].request.is_some() && self.places.free.is_empty();
            e > t || (e == t && (j > me as usize || behind))
        })
    }

    pub(super) fn scanned_output_watermark(&self) -> Nanos {
        (0..self.slots().len())
            .filter(|&i| self.slots()[i].started && self.slots()[i].end.is_none())
            .map(|i| self.earliest(i, 0))
            .min()
            .unwrap_or(Nanos::MAX)
    }

    pub(super) fn scanned_exit_not_before(&self) -> Nanos {
        if let Some(x) = self.exit_at {
            return x;
        }
        let freed = self.place_bound();
        let main_bound = self.main_exit_bound(freed);
        (1..self.slots().len())
            .filter(|&i| {
                let s = &self.slots()[i];
                s.started && !s.daemon && s.end.is_none()
            })
            .map(|i| self.next_action(i, 0, freed).saturating_add(EXIT_COST))
            .fold(main_bound, Nanos::max)
    }

    pub(super) fn scanned_non_daemon_alive_at(&self, t: Nanos) -> Option<bool> {
        let freed = self.place_bound();
        let mut unsettled = false;
        for j in 1..self.slots().len() {
            let s = &self.slots()[j];
            if !s.started || s.daemon {
                continue;
            }
            match s.end {
                Some(e) if e <= t => {}
                Some(_) => return Some(true),
                None if self.next_action(j, 0, freed) > t => return Some(true),
                None => unsettled = true,
            }
        }
        (!unsettled).then_some(false)
    }

    pub(super) fn scanned_non_daemons_done(&self) -> Option<Nanos> {
        let mut last = 0;
        for s in self
            .slots()
            .iter()
            .skip(1)
            .filter(|s| s.started && !s.daemon)
        {
            last = last.max(s.end?);
        }
        Some(last)
    }
}
