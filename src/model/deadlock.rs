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
        // A traced program's wait is on a ring only once the tracer has
        // said it has no timeout (a wait with one ends by itself: two
        // threads that take two locks with `acquire(timeout=…)` back off).
        // A scenario's waits have none.
        if self.interpreter.is_some() && !detail.forever {
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

    /// A cycle of waits among the live threads, if there is one (the one
    /// through the thread created first).
    fn find_ring(&self) -> Option<Cycle> {
        // Threads whose chain of waits was followed to its end already.
        let mut cleared = hashbrown::HashSet::new();
        for start in self.tracks() {
            // Each thread waits for at most one holder: follow the chain
            // until it ends or comes back to a thread already on it.
            let mut path: Vec<ThreadId> = vec![start.id];
            let mut cur = start.id;
            while let Some((next, ..)) = self.waits_on(cur) {
                if cleared.contains(&next) {
                    break;
                }
                if let Some(pos) = path.iter().position(|&p| p == next) {
                    let ring = &path[pos..];
                    let links: Vec<(Link, Nanos)> = ring
                        .iter()
                        .filter_map(|&t| {
                            let (holder, state, waits, since) = self.waits_on(t)?;
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
    /// exit; never one whose holder is gone (it is about to end).
    fn waits_forever(&self, id: ThreadId) -> Option<Link> {
        let t = self.track(id)?;
        let state = t.current()?;
        let waits = t.current_detail();
        let detail = self.detail(waits);
        let forever = match state {
            State::WaitingAtExit => true,
            State::Joining | State::WaitingLock | State::Waiting => {
                detail.is_some_and(|d| d.forever)
            }
            _ => false,
        };
        let holder = detail.and_then(|d| d.holder);
        let holder_gone = holder.is_some_and(|h| !self.track(h).is_some_and(|h| h.is_alive()));
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

    /// Whether every thread of `c` was still in the wait it had on `c`
    /// when its life ended, and the process's end cut it short there: a
    /// ring the rest of the program went on without, until it exited.
    pub fn stood_until_end(&self, c: &Cycle) -> bool {
        c.links.iter().all(|l| {
            self.track(l.thread).is_some_and(|t| {
                let last = t.spans(self.latest).next_back();
                // The same wait: begun by the time the ring closed (its
                // detail may have learnt since that it has no timeout).
                t.outcome() == Some(crate::event::Outcome::CutShort)
                    && last.is_some_and(|s| {
                        s.state == l.state
                            && s.start <= c.closed_at
                            && self.detail(s.detail).and_then(|d| d.holder) == l.holder
                    })
            })
        })
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
mod tests {
    use super::*;
    use crate::event::{Detail, Event, EventKind, MAIN, Outcome, State};

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
            forever: false,
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
        let ring: Vec<(ThreadId, Option<ThreadId>)> =
            c.links.iter().map(|l| (l.thread, l.holder)).collect();
        assert_eq!(ring, [(1, Some(2)), (2, Some(1))]);
        assert_eq!(c.kind, Kind::Ring);
        assert_eq!(
            tl.detail(c.links[0].waits).and_then(|d| d.on),
            Some("right")
        );
        // Bob gets the lock after all (say, a timeout): no cycle any more.
        events.push(ev(30, 2, EventKind::state(State::Running)));
        assert_eq!(Timeline::from_events(&events).deadlock(), None);
    }

    #[test]
    fn a_ring_stood_until_the_end_only_if_the_exit_found_it_so() {
        let mut events = spawn(1, "alice");
        events.extend(spawn(2, "bob"));
        events.push(lock_wait(10, 1, "right", 2));
        events.push(lock_wait(20, 2, "left", 1));
        let ring = Timeline::from_events(&events).deadlock().expect("a ring");
        // The process exits: what still lives is cut short.
        let cut = |t| {
            let kind = EventKind::Ended {
                outcome: Outcome::CutShort,
                raised: None,
            };
            ev(90, t, kind)
        };
        let exit = [
            cut(1),
            cut(2),
            ev(90, MAIN, EventKind::ProcessExit { code: 0 }),
        ];
        let mut stood = events.clone();
        stood.extend(exit.clone());
        let tl = Timeline::from_events(&stood);
        assert_eq!(tl.deadlock(), None, "nobody is alive to wait");
        assert!(tl.stood_until_end(&ring), "both were cut short in it");
        // Bob's wait ends (a timeout) before the exit: the ring broke.
        let mut broke = events;
        broke.push(ev(30, 2, EventKind::state(State::Running)));
        broke.extend(exit);
        assert!(!Timeline::from_events(&broke).stood_until_end(&ring));
    }

    /// A wait of `t` on `on` (holder `holder`), with no timeout and
    /// lasting when `forever`.
    fn wait(
        at: Nanos,
        t: ThreadId,
        state: State,
        holder: Option<ThreadId>,
        forever: bool,
    ) -> Event {
        let detail = Detail {
            on: (state != State::Joining).then(|| "Queue q (q.py:2)".into()),
            holder,
            site: Some("q.py:5".into()),
            forever,
        };
        ev(at, t, EventKind::state_with(state, detail))
    }

    /// main joins a consumer that waits on a queue nobody fills.
    fn consumer_left_waiting(forever: bool) -> Vec<Event> {
        let mut events = spawn(0, "main");
        events.extend(spawn(1, "consumer"));
        events.push(wait(10, 1, State::Waiting, None, forever));
        events.push(wait(20, 0, State::Joining, Some(1), true));
        events
    }

    #[test]
    fn a_stall_is_called_once_it_has_stood_with_nothing_happening() {
        let mut tl = Timeline::from_events(&consumer_left_waiting(true));
        let stall = tl.stall().expect("every live thread waits for good");
        assert_eq!(stall.kind, Kind::Stall);
        assert_eq!(stall.closed_at, 20);
        let links: Vec<(ThreadId, State, Option<ThreadId>)> = stall
            .links
            .iter()
            .map(|l| (l.thread, l.state, l.holder))
            .collect();
        assert_eq!(
            links,
            [(0, State::Joining, Some(1)), (1, State::Waiting, None)]
        );
        assert_eq!(tl.deadlock(), None, "not called yet");
        assert!(!tl.confirm_stall(20 + STALL_CONFIRM - 1), "too soon");
        assert_eq!(tl.deadlock(), None);
        assert!(tl.confirm_stall(20 + STALL_CONFIRM));
        assert_eq!(tl.deadlock(), Some(stall.clone()));
        assert!(!tl.confirm_stall(30 + STALL_CONFIRM), "called once");
        // Something happens after all: the call is taken back.
        tl.apply(&ev(40, 1, EventKind::state(State::Running)));
        assert_eq!((tl.stall(), tl.deadlock()), (None, None));
    }

    #[test]
    fn no_stall_while_a_wait_has_a_timeout_or_a_thread_can_move() {
        // The consumer's wait has a timeout (or has not lasted yet).
        let tl = Timeline::from_events(&consumer_left_waiting(false));
        assert_eq!(tl.stall(), None);
        // A third thread sleeps: it will wake and may put an item.
        let mut events = consumer_left_waiting(true);
        events.extend(spawn(2, "producer"));
        events.push(ev(30, 2, EventKind::state(State::Sleeping)));
        assert_eq!(Timeline::from_events(&events).stall(), None);
        // The joined thread ends: main's join is about to return.
        let mut events = consumer_left_waiting(true);
        events.push(ev(30, 1, EventKind::ended(crate::event::Outcome::Finished)));
        assert_eq!(Timeline::from_events(&events).stall(), None);
    }

    #[test]
    fn main_at_exit_waits_for_good_only_for_a_thread_that_is_no_daemon() {
        let at_exit = |daemon: bool| {
            let mut events = spawn(0, "main");
            events.push(ev(
                0,
                1,
                EventKind::Spawned {
                    name: "worker".into(),
                    daemon,
                    parent: Some(0),
                },
            ));
            events.push(wait(10, 1, State::Waiting, None, true));
            events.push(ev(20, 0, EventKind::state(State::WaitingAtExit)));
            Timeline::from_events(&events).stall()
        };
        let c = at_exit(false).expect("main waits for the worker, which waits for good");
        assert_eq!(c.links[0].state, State::WaitingAtExit);
        assert_eq!(
            at_exit(true),
            None,
            "the process exits: daemons do not hold it"
        );
    }

    #[test]
    fn a_thread_waiting_for_a_lock_it_holds_is_a_ring_of_one() {
        let mut events = spawn(0, "main");
        events.extend(spawn(1, "selfish"));
        events.push(ev(5, 0, EventKind::state(State::Sleeping)));
        events.push(lock_wait(10, 1, "Lock lk (s.py:2)", 1));
        let tl = Timeline::from_events(&events);
        assert!(tl.in_deadlock(1) && !tl.in_deadlock(0));
        let c = tl.deadlock().expect("a ring of one, called at once");
        assert_eq!(
            (c.kind, c.links.len(), c.links[0].holder),
            (Kind::Ring, 1, Some(1))
        );
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
