//! Deadlocks: threads that wait on each other in a cycle, each for
//! something the next one holds (a lock's holder, a thread being joined).
//! Found from the model alone, so scenarios and traced programs share it.

use super::Timeline;
use super::details::DetailId;
use crate::event::{Nanos, ThreadId};

/// One thread of a cycle: it waits (on what its detail says) for something
/// `holder`, the next thread of the cycle, holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub thread: ThreadId,
    pub waits: DetailId,
    pub holder: ThreadId,
}

/// Threads that wait for each other in a ring: none of them can go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// In order: each waits for the next (the last for the first).
    pub links: Vec<Link>,
    /// When the last of them began to wait: the cycle closed then.
    pub closed_at: Nanos,
}

impl Timeline {
    /// The threads that wait on a live holder now: (thread, its wait's
    /// detail, the holder, when the wait began).
    fn waits_on_holders(&self) -> Vec<(ThreadId, DetailId, ThreadId, Nanos)> {
        let mut out = Vec::new();
        for t in self.tracks() {
            let Some(state) = t.current() else { continue };
            if !state.is_blocked() {
                continue;
            }
            let d = t.current_detail();
            let Some(holder) = self.detail(d).and_then(|x| x.holder) else {
                continue;
            };
            if !self.track(holder).is_some_and(|h| h.is_alive()) {
                continue;
            }
            let since = t.spans(self.latest).last().map_or(0, |s| s.start);
            out.push((t.id, d, holder, since));
        }
        out
    }

    /// The live holder thread `t` waits on now, if it is blocked on one.
    fn waits_on(&self, t: ThreadId) -> Option<ThreadId> {
        let track = self.track(t)?;
        if !track.current()?.is_blocked() {
            return None;
        }
        let holder = self.detail(track.current_detail())?.holder?;
        self.track(holder)
            .is_some_and(|h| h.is_alive())
            .then_some(holder)
    }

    /// Whether thread `t` is on a cycle of waits now. A cycle closes when
    /// one of its threads begins to wait, so asking this of each thread as
    /// it enters a state finds every cycle as it closes, for the length of
    /// its chain of waits (not a look at every thread, as
    /// [`deadlock`](Self::deadlock) takes).
    pub fn in_deadlock(&self, t: ThreadId) -> bool {
        let mut seen = vec![t];
        let mut cur = t;
        while let Some(next) = self.waits_on(cur) {
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

    /// A cycle of waits among the live threads, if there is one (the one
    /// through the thread created first); [`deadlock`](Self::deadlock)
    /// keeps it between events.
    pub(super) fn find_deadlock(&self) -> Option<Cycle> {
        let waits = self.waits_on_holders();
        let next = |t: ThreadId| waits.iter().find(|w| w.0 == t);
        for start in &waits {
            // Each thread waits for at most one holder: follow the chain
            // until it ends or comes back to a thread already on it.
            let mut path: Vec<ThreadId> = vec![start.0];
            let mut cur = start.2;
            while let Some(w) = next(cur) {
                if let Some(pos) = path.iter().position(|&p| p == cur) {
                    let ring = &path[pos..];
                    let links: Vec<Link> = ring
                        .iter()
                        .filter_map(|&t| next(t))
                        .map(|w| Link {
                            thread: w.0,
                            waits: w.1,
                            holder: w.2,
                        })
                        .collect();
                    let closed_at = ring
                        .iter()
                        .filter_map(|&t| next(t))
                        .map(|w| w.3)
                        .max()
                        .unwrap_or(0);
                    return Some(Cycle { links, closed_at });
                }
                if path.len() > waits.len() {
                    break;
                }
                path.push(cur);
                cur = w.2;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Detail, Event, EventKind, State};

    fn ev(at: Nanos, thread: ThreadId, kind: EventKind) -> Event {
        Event::new(1, at, thread, kind)
    }

    fn spawn(t: ThreadId, name: &str) -> Vec<Event> {
        vec![
            ev(
                0,
                t,
                EventKind::Spawned {
                    name: name.into(),
                    daemon: false,
                    parent: Some(0),
                },
            ),
            ev(1, t, EventKind::state(State::Running)),
        ]
    }

    fn lock_wait(at: Nanos, t: ThreadId, on: &str, holder: ThreadId) -> Event {
        let detail = Detail {
            on: Some(on.into()),
            holder: Some(holder),
            site: None,
        };
        ev(at, t, EventKind::state_with(State::WaitingLock, detail))
    }

    #[test]
    fn two_threads_taking_two_locks_in_opposite_order() {
        let mut events = spawn(1, "alice");
        events.extend(spawn(2, "bob"));
        events.push(lock_wait(10, 1, "right", 2));
        let tl = Timeline::from_events(&events);
        assert_eq!(tl.deadlock(), None, "one wait is no cycle");
        assert!(!tl.in_deadlock(1) && !tl.in_deadlock(2));
        events.push(lock_wait(20, 2, "left", 1));
        let tl = Timeline::from_events(&events);
        assert!(tl.in_deadlock(1) && tl.in_deadlock(2), "both are on it");
        let c = tl.deadlock().expect("a cycle");
        assert_eq!(c.closed_at, 20);
        let ring: Vec<(ThreadId, ThreadId)> =
            c.links.iter().map(|l| (l.thread, l.holder)).collect();
        assert_eq!(ring, [(1, 2), (2, 1)]);
        assert_eq!(
            tl.detail(c.links[0].waits).and_then(|d| d.on),
            Some("right")
        );
        // Bob gets the lock after all (say, a timeout): no cycle any more.
        events.push(ev(30, 2, EventKind::state(State::Running)));
        assert_eq!(Timeline::from_events(&events).deadlock(), None);
    }

    #[test]
    fn a_chain_into_a_cycle_reports_the_cycle_only() {
        let mut events = Vec::new();
        for (t, n) in [(1, "a"), (2, "b"), (3, "c")] {
            events.extend(spawn(t, n));
        }
        events.push(lock_wait(5, 3, "x", 1));
        events.push(lock_wait(6, 1, "y", 2));
        events.push(lock_wait(7, 2, "z", 1));
        let c = Timeline::from_events(&events).deadlock().unwrap();
        let threads: Vec<ThreadId> = c.links.iter().map(|l| l.thread).collect();
        assert_eq!(threads, [1, 2]);
    }
}
