//! The deadlock finder's cases, on events made by hand.

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
    assert_eq!(
        tl.ring_left_at_end(),
        Some(ring),
        "both were cut short in it"
    );
    // Bob's wait ends (a timeout) before the exit: the ring broke.
    let mut broke = events;
    broke.push(ev(30, 2, EventKind::state(State::Running)));
    broke.extend(exit);
    assert_eq!(Timeline::from_events(&broke).ring_left_at_end(), None);
}

/// A wait of `t` on `on` (holder `holder`), with no timeout and
/// lasting when `forever`.
fn wait(at: Nanos, t: ThreadId, state: State, holder: Option<ThreadId>, forever: bool) -> Event {
    let detail = Detail {
        on: (state != State::Joining).then(|| "Queue q (q.py:2)".into()),
        holder,
        site: Some("q.py:5".into()),
        forever,
    };
    ev(at, t, EventKind::state_with(state, detail))
}

/// main joins a consumer that waits on a queue nobody fills.
/// A traced program's: the tracer says which waits have no timeout.
fn consumer_left_waiting(forever: bool) -> Vec<Event> {
    let interpreter = EventKind::Interpreter {
        version: "3.11.7".into(),
        gil: true,
    };
    let mut events = vec![ev(0, MAIN, interpreter)];
    events.extend(spawn(0, "main"));
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
    // A scenario's waits have none: the same waits are for good.
    let scenario = consumer_left_waiting(false).split_off(1);
    assert!(Timeline::from_events(&scenario).stall().is_some());
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

#[test]
fn a_lock_its_holder_kept_as_it_ended_is_waited_for_good() {
    // A scenario's: w ended holding L; main waits for L, alone.
    let mut events = spawn(0, "main");
    events.extend(spawn(1, "w"));
    events.push(ev(5, 1, EventKind::ended(Outcome::Failed)));
    events.push(lock_wait(10, 0, "Lock L", 1));
    let tl = Timeline::from_events(&events);
    let c = tl.stall().expect("no live thread is left to release L");
    assert_eq!((c.links[0].thread, c.links[0].holder), (0, Some(1)));
    // Another thread still runs: it could release L.
    events.extend(spawn(2, "other"));
    assert_eq!(Timeline::from_events(&events).stall(), None);
}
