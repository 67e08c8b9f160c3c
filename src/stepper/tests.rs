use std::sync::Arc;

use super::*;
use crate::event::{EventKind, Outcome};
use crate::model::Timeline;
use crate::scenario::{Overrides, Python, builtin, compile_str};

fn race(python: Python) -> Stepper {
    let ov = Overrides {
        python: Some(python),
        ..Overrides::default()
    };
    let p = builtin("race", ov).unwrap().unwrap();
    Stepper::new(Arc::new(p), 1).unwrap()
}

fn toml(src: &str, python: Python) -> Stepper {
    let ov = Overrides {
        python: Some(python),
        ..Overrides::default()
    };
    let p = compile_str("t", "test", src, ov).unwrap();
    Stepper::new(Arc::new(p), 1).unwrap()
}

/// Main goes on until threads 1..=n have begun (each run once, when main
/// waits in its `start()`).
fn start_workers(s: &mut Stepper, n: ThreadId) {
    while (1..=n).any(|t| !s.threads[t as usize].begun) {
        match s.status(MAIN).unwrap() {
            Status::Starting(c) => s.pick(c).map(|_| ()).unwrap(),
            _ => s.pick(MAIN).map(|_| ()).unwrap(),
        }
    }
}

fn did(s: &mut Stepper, t: ThreadId) -> Did {
    s.pick(t).unwrap().did.clone()
}

/// Read in one thread, switch, read in another, write, write: the second
/// write overwrites the first, and says whose update it lost.
fn lost_update(python: Python) -> Stepper {
    let mut s = race(python);
    start_workers(&mut s, 2);
    assert_eq!(s.value(0), 0);
    assert!(matches!(
        did(&mut s, 1),
        Did::Read {
            counter: 0,
            value: 0,
            ..
        }
    ));
    assert!(matches!(
        did(&mut s, 2),
        Did::Read {
            counter: 0,
            value: 0,
            ..
        }
    ));
    assert_eq!(
        did(&mut s, 1),
        Did::Wrote {
            counter: 0,
            value: 1,
            lost: vec![],
            lock: None
        }
    );
    assert_eq!(
        did(&mut s, 2),
        Did::Wrote {
            counter: 0,
            value: 1,
            lost: vec![1],
            lock: None
        }
    );
    assert_eq!(s.value(0), 1, "two updates made, the counter one short");
    s
}

#[test]
fn the_lost_update_by_hand_with_a_gil_that_switches_anywhere() {
    let mut s = lost_update(Python::V3_9);
    let states: Vec<State> = s
        .take_events()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::State { state, .. } => Some(*state),
            _ => None,
        })
        .collect();
    assert!(states.contains(&State::WaitingGil));
    assert!(!states.contains(&State::WaitingCpu));
}

#[test]
fn the_lost_update_by_hand_without_the_gil() {
    let mut s = lost_update(Python::V3_13t);
    let events = s.take_events();
    let waits = |st| {
        events
            .iter()
            .any(|e| matches!(&e.kind, EventKind::State { state, .. } if *state == st))
    };
    assert!(waits(State::WaitingCpu) && !waits(State::WaitingGil));
}

#[test]
fn from_3_10_with_the_gil_a_plain_update_is_one_step_and_a_call_splits_it() {
    let mut s = race(Python::V3_13);
    start_workers(&mut s, 2);
    let d = did(&mut s, 1);
    assert_eq!(
        d,
        Did::Updated {
            counter: 0,
            read: 0,
            lock: None
        }
    );
    assert_eq!(
        did(&mut s, 2),
        Did::Updated {
            counter: 0,
            read: 1,
            lock: None
        }
    );
    assert_eq!(s.value(0), 2, "nothing lost");
    // `called = add(called)`: the call is a switch point.
    let src = r#"
        title = "t"
        main = [ { spawn = "W", count = 2, name = "w{i}" }, { join = "all" }, { report = "n" } ]
        [classes.W]
        run = [ { increment = "n", times = 1, call = "add" } ]
    "#;
    let mut s = toml(src, Python::V3_13);
    start_workers(&mut s, 2);
    assert_eq!(did(&mut s, MAIN), Did::JoinWaits(1));
    assert!(matches!(
        did(&mut s, 1),
        Did::Read {
            call: true,
            value: 0,
            ..
        }
    ));
    assert!(matches!(
        did(&mut s, 2),
        Did::Read {
            call: true,
            value: 0,
            ..
        }
    ));
    assert!(s.pick(2).unwrap().ended, "its only update done, w1 ends");
    let n = s.pick(1).unwrap().clone();
    assert_eq!(
        n.did,
        Did::Wrote {
            counter: 0,
            value: 1,
            lost: vec![2],
            lock: None
        }
    );
    assert!(n.ended);
    assert_eq!(n.woke, vec![MAIN], "main, joining w0, goes on");
}

const LOCKED: &str = r#"
    title = "t"
    main = [ { spawn = "W", count = 2, name = "w{i}" }, { join = "all" }, { report = "safe" } ]
    [classes.W]
    run = [ { increment = "safe", times = 1, lock = "lock" } ]
"#;

#[test]
fn with_the_lock_the_second_read_waits_for_the_release() {
    for python in [Python::V3_9, Python::V3_13t] {
        let mut s = toml(LOCKED, python);
        start_workers(&mut s, 2);
        assert!(matches!(did(&mut s, 1), Did::Read { lock: Some(0), .. }));
        assert_eq!(s.holder(0), Some(1));
        assert_eq!(did(&mut s, 2), Did::LockWaits { lock: 0, holder: 1 });
        let not = Status::Lock { lock: 0, holder: 1 };
        assert_eq!(s.pick(2).unwrap_err(), Refused::Not(not), "{python}");
        assert!(!s.ready().contains(&2));
        let n = s.pick(1).unwrap().clone();
        assert!(matches!(n.did, Did::Wrote { value: 1, ref lost, .. } if lost.is_empty()));
        assert!(n.woke.contains(&2), "the release lets w1 try again");
        assert!(matches!(did(&mut s, 2), Did::Read { value: 1, .. }));
        assert!(matches!(did(&mut s, 2), Did::Wrote { value: 2, .. }));
        assert_eq!(s.value(0), 2, "{python}: no update lost under the lock");
    }
}

/// Pick the first ready thread until the process exits (or nobody can go
/// on); the timeline of it all.
fn play(s: &mut Stepper, budget: usize) -> Timeline {
    let mut tl = Timeline::for_run(1);
    for _ in 0..budget {
        let Some(&t) = s.ready().first() else { break };
        s.pick(t).unwrap();
    }
    for e in s.take_events() {
        assert!(tl.apply(&e));
    }
    tl
}

#[test]
fn every_builtin_but_the_processes_steps_to_its_end_or_its_deadlock() {
    for name in crate::scenario::builtin_names() {
        let ov = Overrides {
            workers: Some(2),
            ..Overrides::default()
        };
        let p = Arc::new(builtin(name, ov).unwrap().unwrap());
        let Ok(mut s) = Stepper::new(Arc::clone(&p), 1) else {
            assert!(p.threads.iter().any(|t| t.process), "{name}");
            continue;
        };
        if name == "race" || name == "stress" {
            continue; // a million updates a thread
        }
        let tl = play(&mut s, 100_000);
        // Always the first ready thread: the diners all take their left
        // fork first, as in the deadlock scenario.
        if name == "deadlock" || name == "philosophers" {
            assert!(!s.is_over() && s.ready().is_empty(), "{name}");
            assert!(tl.deadlock().is_some(), "{name}: the ring of waits is seen");
            continue;
        }
        assert!(s.is_over(), "{name}: {:?}", s.status);
        assert!(tl.is_complete(), "{name}");
        assert!(tl.process_exit.is_some());
    }
}

#[test]
fn sleepers_wake_when_time_comes_and_daemons_are_cut_short() {
    let ov = Overrides {
        daemon: Some(true),
        workers: Some(1),
        ..Overrides::default()
    };
    let p = Arc::new(builtin("basic", ov).unwrap().unwrap());
    let mut s = Stepper::new(p, 1).unwrap();
    start_workers(&mut s, 1);
    // The worker warns, prints, then sleeps 3 s.
    let mut slept = None;
    while slept.is_none() {
        if let Did::Slept { until } = did(&mut s, 1) {
            slept = Some(until);
        }
    }
    assert_eq!(
        s.pick(1).unwrap_err(),
        Refused::Not(Status::Sleeping(slept.unwrap()))
    );
    // Main ends its code and nothing waits for a daemon: its exit cuts it short.
    while !s.is_over() {
        s.pick(MAIN).unwrap();
    }
    assert_eq!(s.notes().last().unwrap().did, Did::Exited { cut: vec![1] });
    let ended = s
        .take_events()
        .into_iter()
        .any(|e| e.thread == 1 && e.kind == EventKind::ended(Outcome::CutShort));
    assert!(ended);
    assert!(s.now() < slept.unwrap(), "the exit came before the wake-up");
}

#[test]
fn when_every_thread_sleeps_time_passes_to_the_first_wake_up() {
    let src = r#"
        title = "t"
        main = [ { sleep = 2 }, { print = "up" } ]
    "#;
    let mut s = toml(src, Python::V3_13);
    let n = s.pick(MAIN).unwrap().clone();
    assert_eq!(
        n.did,
        Did::Slept {
            until: TICK + 2_000_000_000
        }
    );
    assert_eq!(n.skipped_to, Some(TICK + 2_000_000_000));
    assert_eq!(s.now(), TICK + 2_000_000_000);
    assert_eq!(s.ready(), vec![MAIN]);
    assert_eq!(did(&mut s, MAIN), Did::Printed("up".into()));
}

#[test]
fn a_compute_runs_a_switch_interval_a_step() {
    let src = r#"
        title = "t"
        main = [ { compute = 0.012 } ]
    "#;
    let mut s = toml(src, Python::V3_13);
    let ran: Vec<Nanos> = (0..3)
        .map(|_| match did(&mut s, MAIN) {
            Did::Computed { ran, .. } => ran,
            d => panic!("{d:?}"),
        })
        .collect();
    assert_eq!(ran, vec![SLICE, SLICE, 2_000_000]);
    assert_eq!(s.now(), 12_000_000);
    assert!(s.notes().last().unwrap().code_ended);
}
