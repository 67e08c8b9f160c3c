//! Two runs on one program clock (`threadline compare`, the split view):
//! a pause, a step or a new speed given to either acts on both, both
//! clocks read the same at every event, and running in lockstep changes nothing
//! about what either run does.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, unbounded};
use threadline::event::{Batch, Event};
use threadline::runtime::{Run, RunOptions};
use threadline::scenario::{self, Overrides, Program};

fn program(name: &str) -> Arc<Program> {
    Arc::new(
        scenario::builtin(name, Overrides::default())
            .unwrap()
            .unwrap(),
    )
}

fn opts(paused: bool) -> RunOptions {
    RunOptions {
        speed: 1.0,
        seed: 5,
        paused,
        cores: 2,
    }
}

use common::canonical;

fn solo(name: &str) -> Vec<String> {
    let (tx, rx) = unbounded();
    let run = Run::start(
        program(name),
        RunOptions {
            speed: 200.0,
            ..opts(false)
        },
        tx,
    )
    .expect("the runs start");
    run.wait();
    drop(run);
    canonical(rx.try_iter().flatten().collect())
}

/// Step (through side `i`) to the next moment a thread of either run
/// acts; None once both runs are over. Right after a start or a step the
/// threads that act are still on their way to their next wait: until one
/// waits for a time, try again.
fn step(runs: &[Run; 2], i: usize) -> Option<u64> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(t) = runs[i].step_next() {
            return Some(t);
        }
        if runs.iter().all(Run::is_over) {
            return None;
        }
        assert!(Instant::now() < deadline, "no thread ever waited");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Take what has come from one side; at each event both clocks are the
/// same.
/// The built-ins `a` and `b` started paused in lockstep, each with its
/// own channel.
fn paused_pair(a: &str, b: &str) -> ([Run; 2], Receiver<Batch>, Receiver<Batch>) {
    let (ta, ra) = unbounded();
    let (tb, rb) = unbounded();
    let runs = Run::pair([program(a), program(b)], [opts(true), opts(true)], [ta, tb])
        .expect("the runs start");
    (runs, ra, rb)
}

fn take(rx: &Receiver<Batch>, runs: &[Run; 2], into: &mut Vec<Event>) {
    for ev in rx.try_iter().flatten() {
        let (a, b) = (runs[0].now(), runs[1].now());
        assert_eq!(a, b, "one clock for both sides");
        into.push(ev);
    }
}

#[test]
fn a_step_pause_or_speed_given_to_either_side_acts_on_both() {
    let (runs, ra, rb) = paused_pair("basic", "daemon");
    let (mut ea, mut eb) = (Vec::new(), Vec::new());
    let mut moments = Vec::new();
    for i in 0..30 {
        // Steps given to one side, then the other.
        let Some(t) = step(&runs, i % 2) else {
            break;
        };
        assert_eq!(runs[0].now(), t);
        assert_eq!(runs[1].now(), t);
        assert!(runs[0].is_paused() && runs[1].is_paused());
        moments.push(t);
        take(&ra, &runs, &mut ea);
        take(&rb, &runs, &mut eb);
    }
    assert!(moments.windows(2).all(|w| w[0] < w[1]), "{moments:?}");
    assert!(moments.len() >= 10, "{moments:?}");
    runs[1].set_speed(200.0);
    assert_eq!(runs[0].speed(), 200.0, "a speed given to B is A's too");
    runs[0].resume();
    assert!(!runs[1].is_paused(), "resuming A resumes B");
    runs[1].pause();
    assert!(runs[0].is_paused(), "pausing B pauses A");
    let frozen = runs[0].now();
    take(&ra, &runs, &mut ea);
    take(&rb, &runs, &mut eb);
    assert_eq!(runs[1].now(), frozen);
    runs[0].resume();
    for r in &runs {
        r.wait();
    }
    runs[0].pause();
    take(&ra, &runs, &mut ea);
    take(&rb, &runs, &mut eb);
    // In lockstep each side does just what it does alone.
    assert_eq!(canonical(ea), solo("basic"));
    assert_eq!(canonical(eb), solo("daemon"));
}

#[test]
fn a_side_that_ended_leaves_the_steps_to_the_other() {
    let (runs, ra, rb) = paused_pair("daemon", "basic");
    // daemon exits at about 2 ms; basic runs for about 3 s.
    let mut last = 0;
    while let Some(t) = step(&runs, 0) {
        assert!(t > last);
        last = t;
    }
    assert!(
        last > 2 * threadline::event::SECOND,
        "basic went on: {last}"
    );
    runs[0].resume();
    for r in &runs {
        r.wait();
    }
    runs[0].pause();
    let (mut ea, mut eb) = (Vec::new(), Vec::new());
    take(&ra, &runs, &mut ea);
    take(&rb, &runs, &mut eb);
    assert_eq!(canonical(ea), solo("daemon"));
    assert_eq!(canonical(eb), solo("basic"));
}
