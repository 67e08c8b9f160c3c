//! Deadlocks: threads that wait on each other in a cycle, each for
//! something the next one holds (a lock's holder, a thread being joined);
//! or a stall, where every live thread waits with no timeout for what only
//! another of them could give, holders known or not. Found from the model
//! alone, so scenarios and traced programs share it.

use super::Timeline;
use super::details::DetailId;
use crate::event::{Nanos, SECOND, State, ThreadId};

/// How long a stall must stand, with nothing happening, before it is
/// called: a thread woken just before its waker ended may not have said so
/// yet (its record is on its way).
pub const STALL_CONFIRM: Nanos = SECOND / 2;

/// One thread of a deadlock: it waits (in `state`, on what its detail says)
/// for something `holder` holds, when that is known (on a ring, always: the
/// next thread of the ring).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub thread: ThreadId,
    pub state: State,
    pub waits: DetailId,
    pub holder: Option<ThreadId>,
}

/// What kind of deadlock it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Each thread waits for the next, the last for the first (one thread:
    /// it waits for what it holds itself).
    Ring,
    /// Every live thread waits, with no timeout, for another thread of the
    /// program: none is left to wake any of them.
    Stall,
}

/// Threads that wait for each other: none of them can go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    pub kind: Kind,
    /// A ring in order (each waits for the next, the last for the first);
    /// a stall's threads in the order of the model.
    pub links: Vec<Link>,
    /// When it closed: the last of a ring began to wait; a stall's last
    /// event.
    pub closed_at: Nanos,
}

impl Timeline {
    /// The live holder `t` waits on now, with its wait, if it is blocked
    /// on one.
    fn waits_on(&self, t: ThreadId) -> Option<(ThreadId, State, DetailId, Nanos)> {
        let track = self.track(t)?;
        let state = track.current()?;
        if !state.is_blocked() {
            return None;
        }
        let d = track.current_detail();
        let detail = self.detail(d)?;
        // A wait with a timeout ends by itself (two threads that take two
        // locks with `acquire(timeout=…)` back off): never on a ring.
        if !self.untimed(&detail) {
            return None;
        }
        let holder = detail.holder?;
        if !self.track(holder).is_some_and(|h| h.is_alive()) {
            return None;
        }
        let since = track.spans(self.latest).last().map_or(0, |s| s.start);
        Some((holder, state, d, since))
    }

    /// Whether thread `t` is on a cycle of waits now. A cycle closes when
    /// one of its threads begins to wait, so asking this of each thread as
    /// it enters a state finds every cycle as it closes, for the length of
    /// its chain of waits (not a look at every thread, as
    /// [`deadlock`](Self::deadlock) takes).
    pub fn in_deadlock(&self, t: ThreadId) -> bool {
        let mut seen = vec![t];
        let mut cur = t;
        while let Some((next, ..)) = self.waits_on(cur) {
            if next == t {
                return true;
            }
            if seen.contains(&next) {
                return false; // a cycle that `t` only leads into
            }
            seen.push(next);
            cur = next;
        }
        false
    }

    /// Whether a wait has no timeout: a traced program's once the tracer
    /// said so (it has lasted, [`Detail::forever`]); a scenario's always
    /// (its joins and acquires take none).
    ///
    /// [`Detail::forever`]: crate::event::Detail::forever
    fn untimed(&self, d: &super::DetailView<'_>) -> bool {
        d.forever || self.interpreter.is_none()
    }

    /// The deadlock, if nothing at all can go on: a stall, or a ring while
    /// every other live thread waits for good too (main asleep with a
    /// timeout will go on, and may leave the ring behind as it exits).
    /// What ends a run in plain mode.
    pub fn stuck(&self) -> Option<Cycle> {
        // The process has exited: its threads' ends are on their way.
        if self.process_exit.is_some() {
            return None;
        }
        let c = self.deadlock()?;
        (c.kind == Kind::Stall || self.stall().is_some()).then_some(c)
    }

    /// A cycle of waits among the live threads, if there is one (the one
    /// through the thread created first).
    fn find_ring(&self) -> Option<Cycle> {
        self.ring_by(|t| self.waits_on(t))
    }

    /// The ring of waits the process's end cut short, if the process ended
    /// with one standing: each of its threads was still in a wait for good
    /// for what the next one held, the last for the first, when the exit
    /// cut them all short (daemons the rest of the program went on without).
    pub(super) fn find_ring_left(&self) -> Option<Cycle> {
        self.process_exit?;
        self.ring_by(|t| self.waited_at_end(t))
    }

    /// What thread `t`, cut short, was waiting on as it was: a holder cut
    /// short too, with its wait.
    fn waited_at_end(&self, t: ThreadId) -> Option<(ThreadId, State, DetailId, Nanos)> {
        let cut = |t: ThreadId| {
            self.track(t)
                .is_some_and(|t| t.outcome() == Some(crate::event::Outcome::CutShort))
        };
        if !cut(t) {
            return None;
        }
        let last = self.track(t)?.spans(self.latest).next_back()?;
        if !last.state.is_blocked() {
            return None;
        }
        let detail = self.detail(last.detail)?;
        if !self.untimed(&detail) {
            return None;
        }
        let holder = detail.holder?;
        cut(holder).then_some((holder, last.state, last.detail, last.start))
    }

    /// A cycle of the waits `waits_of` tells (of each thread: who it waits
    /// for, in what state and wait, since when), through the thread
    /// created first.
    fn ring_by(
        &self,
        waits_of: impl Fn(ThreadId) -> Option<(ThreadId, State, DetailId, Nanos)>,
    ) -> Option<Cycle> {
        // Threads whose chain of waits was followed to its end already.
        let mut cleared = hashbrown::HashSet::new();
        for start in self.tracks() {
            // Each thread waits for at most one holder: follow the chain
            // until it ends or comes back to a thread already on it.
            let mut path: Vec<ThreadId> = vec![start.id];
            let mut cur = start.id;
            while let Some((next, ..)) = waits_of(cur) {
                if cleared.contains(&next) {
                    break;
                }
                if let Some(pos) = path.iter().position(|&p| p == next) {
                    let ring = &path[pos..];
                    let links: Vec<(Link, Nanos)> = ring
                        .iter()
                        .filter_map(|&t| {
                            let (holder, state, waits, since) = waits_of(t)?;
                            let holder = Some(holder);
                            Some((
                                Link {
                                    thread: t,
                                    state,
                                    waits,
                                    holder,
                                },
                                since,
                            ))
                        })
                        .collect();
                    let closed_at = links.iter().map(|l| l.1).max().unwrap_or(0);
                    let links = links.into_iter().map(|l| l.0).collect();
                    return Some(Cycle {
                        kind: Kind::Ring,
                        links,
                        closed_at,
                    });
                }
                if path.len() > self.tracks().len() {
                    break;
                }
                path.push(next);
                cur = next;
            }
            cleared.extend(path);
        }
        None
    }

    /// `t`'s wait, if only another thread can end it: a join, lock or
    /// other wait the tracer saw last with no timeout, or main's wait at
    /// exit; never a join or other wait whose holder is gone (it is about
    /// to end). A lock whose holder ended holding it stays held: only
    /// another live thread could release it (were it released before the
    /// end, the waiter's wake would come before the stall is called).
    fn waits_forever(&self, id: ThreadId) -> Option<Link> {
        let t = self.track(id)?;
        let state = t.current()?;
        let waits = t.current_detail();
        let detail = self.detail(waits);
        let forever = match state {
            State::WaitingAtExit => true,
            State::Joining | State::WaitingLock | State::Waiting => {
                detail.is_some_and(|d| self.untimed(&d))
            }
            _ => false,
        };
        let holder = detail.and_then(|d| d.holder);
        let holder_gone = state != State::WaitingLock
            && holder.is_some_and(|h| !self.track(h).is_some_and(|h| h.is_alive()));
        (forever && !holder_gone).then_some(Link {
            thread: id,
            state,
            waits,
            holder,
        })
    }

    /// A stall now, if every live thread waits forever and one of those
    /// waits is not main's at exit for daemons only (the process then
    /// ends). Reported as it is: [`confirm_stall`](Self::confirm_stall)
    /// calls it a deadlock once it has stood for [`STALL_CONFIRM`].
    pub(super) fn find_stall(&self) -> Option<Cycle> {
        let mut links = Vec::new();
        let mut others = false; // a live thread main's exit waits for
        for t in self.tracks().iter().filter(|t| t.is_alive()) {
            links.push(self.waits_forever(t.id)?);
            others |= !t.daemon() && t.current() != Some(State::WaitingAtExit);
        }
        let at_exit = links.iter().any(|l| l.state == State::WaitingAtExit);
        if links.is_empty() || (at_exit && !others) {
            return None;
        }
        Some(Cycle {
            kind: Kind::Stall,
            links,
            closed_at: self.latest,
        })
    }

    /// Call the stall found now a deadlock if it has stood, with nothing
    /// happening, for [`STALL_CONFIRM`] by program time `now`: from then on
    /// [`deadlock`](Self::deadlock) reports it, until the next event
    /// changes the picture. A live view asks this as its clock moves. True
    /// if that changed what [`deadlock`](Self::deadlock) says.
    pub fn confirm_stall(&mut self, now: Nanos) -> bool {
        let Some(c) = self.stall() else { return false };
        if self.stalled == Some(c.closed_at) || now < c.closed_at.saturating_add(STALL_CONFIRM) {
            return false;
        }
        self.stalled = Some(c.closed_at);
        self.memo.states_changed();
        true
    }

    /// A ring of waits, or the stall [`confirm_stall`](Self::confirm_stall)
    /// called, if it still stands.
    pub(super) fn find_deadlock(&self) -> Option<Cycle> {
        self.find_ring().or_else(|| {
            let at = self.stalled?;
            self.stall().filter(|c| c.closed_at == at)
        })
    }
}

#[cfg(test)]
mod tests;
