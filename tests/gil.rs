//! The simulated GIL, checked on the model a real run produces.

use std::sync::Arc;

use crossbeam_channel::unbounded;
use threadline::event::{Event, SECOND, State};
use threadline::model::Timeline;
use threadline::runtime::Run;
use threadline::scenario::{self, Overrides, Program, Python};

fn program(name: &str, gil: Option<bool>) -> Program {
    scenario::builtin(
        name,
        Overrides {
            gil,
            ..Overrides::default()
        },
    )
    .unwrap()
    .unwrap()
}

/// The time every thread of `tl` spent in `state` up to `now`, summed.
fn all_in(tl: &Timeline, now: u64, state: State) -> u64 {
    tl.tracks()
        .iter()
        .map(|t| t.time_in(now, |s| s == state))
        .sum()
}

/// Run to the end at high speed; the events and the model.
mod common;
use common::run;

#[test]
fn with_the_gil_one_thread_runs_at_a_time_and_cpu_work_takes_turns() {
    let (_, tl) = run(program("gil-cpu", None), 1);
    let now = tl.horizon(0);
    assert_eq!(
        tl.max_concurrent(State::Running, now),
        1,
        "never two threads running at once"
    );
    let share = tl.cpu_share(now).expect("4 CPU-bound workers");
    assert_eq!(share.threads, 4);
    assert!(
        (3.7..4.3).contains(&share.ratio()),
        "about 4× one thread: {}",
        share.ratio()
    );
    let waited: u64 = all_in(&tl, now, State::WaitingGil);
    assert!(
        waited > 2 * SECOND,
        "the others waited for the GIL meanwhile"
    );
    // Hand-overs every switch interval: each worker runs in many short turns.
    let turns = tl.tracks()[1]
        .spans(now)
        .filter(|s| s.state == State::Running)
        .count();
    assert!(turns > 100, "{turns} turns");
}

#[test]
fn without_the_gil_cpu_work_overlaps() {
    let (_, tl) = run(program("gil-cpu", Some(false)), 1);
    let now = tl.horizon(0);
    assert!(tl.max_concurrent(State::Running, now) >= 4);
    let share = tl.cpu_share(now).unwrap();
    assert!(share.ratio() < 1.2, "about 1×: {}", share.ratio());
    assert_eq!(all_in(&tl, now, State::WaitingGil), 0);
}

#[test]
fn io_bound_threads_overlap_with_or_without_the_gil() {
    for gil in [true, false] {
        let (_, tl) = run(program("gil-io", Some(gil)), 2);
        let exit = tl.process_exit.unwrap().0;
        assert!(
            exit < SECOND * 6 / 10,
            "4 × 0.5 s sleeps overlap (gil {gil}): {exit}"
        );
        assert!(tl.max_concurrent(State::Sleeping, exit) == 4);
    }
}

#[test]
fn the_interleaving_is_the_same_at_every_speed_for_a_seed() {
    let at = |speed: f64| {
        let (tx, rx) = unbounded();
        let run = Run::start(
            Arc::new(program("gil-cpu", None)),
            common::options(speed, 9, false),
            tx,
        )
        .expect("the main thread starts");
        run.wait();
        let mut ev: Vec<(u64, u32, String)> = rx
            .try_iter()
            .flatten()
            .map(|e| (e.at, e.thread, format!("{:?}", e.kind)))
            .collect();
        ev.sort();
        ev
    };
    assert_eq!(at(50.0), at(400.0));
}

#[test]
fn a_daemon_waiting_for_the_gil_is_cut_short_at_exit() {
    let (_, tl) = run(program("mixed", Some(true)), 3);
    let exit = tl.process_exit.unwrap().0;
    for t in tl.tracks().iter().filter(|t| t.daemon()) {
        assert_eq!(
            t.end().unwrap(),
            (exit, threadline::event::Outcome::CutShort)
        );
    }
}

#[test]
fn stop_mid_compute_with_the_gil_ends_every_thread() {
    let (tx, _rx) = unbounded();
    let run = Run::start(
        Arc::new(program("gil-cpu", None)),
        common::options(1.0, 1, false),
        tx,
    )
    .expect("the main thread starts");
    while run.now() < SECOND / 20 {
        std::thread::yield_now();
    }
    run.stop(); // joins every thread, waiting ones included
    assert!(run.is_over());
}

/// The race scenario's three counters at 300,000 updates a thread (enough
/// for switch intervals to end inside the loops), as `python` runs them.
fn race(python: Python) -> Program {
    let source = include_str!("../assets/scenarios/race.toml").replace("1000000", "300000");
    let ov = Overrides {
        python: Some(python),
        ..Overrides::default()
    };
    scenario::compile_str("race", "race.toml", &source, ov).unwrap()
}

fn lost(tl: &Timeline, name: &str) -> i64 {
    let c = tl.counters.iter().find(|c| c.name == name).unwrap();
    assert_eq!(c.expected, 1_200_000);
    c.expected - c.value
}

#[test]
fn where_the_interpreter_switches_decides_which_updates_are_lost() {
    // What CPython does (docs/semantics.md (a)): up to 3.9 `+=` loses too;
    // from 3.10 only the update with a call in it; without the GIL both.
    for (python, counter_loses) in [
        (Python::V3_9, true),
        (Python::V3_13, false),
        (Python::V3_13t, true),
    ] {
        let (events, tl) = run(race(python), 1);
        assert_eq!(lost(&tl, "counter") > 0, counter_loses, "{python}: counter");
        assert!(lost(&tl, "called") > 0, "{python}: called loses");
        assert_eq!(
            lost(&tl, "safe"),
            0,
            "{python}: the lock keeps every update"
        );
        // The program printed the values as Python would.
        let out: Vec<_> = tl.output.iter().map(|l| l.text.as_str()).collect();
        assert!(out.contains(&"safe = 1200000"), "{out:?}");
        // Deterministic for a seed, every event of it, GIL or not.
        let (again, _) = run(race(python), 1);
        assert_eq!(sorted(&events), sorted(&again), "{python}");
    }
    // Up to 3.9 a switch can fall inside `with lock:`: the others wait on it.
    let (_, tl) = run(race(Python::V3_9), 2);
    let now = tl.horizon(0);
    let lock_wait: u64 = all_in(&tl, now, State::WaitingLock);
    assert!(lock_wait > 0, "time waiting on the lock is drawn");
}

fn sorted(events: &[Event]) -> Vec<(u64, u32, String)> {
    let mut v: Vec<_> = events
        .iter()
        .map(|e| (e.at, e.thread, format!("{:?}", e.kind)))
        .collect();
    v.sort();
    v
}

#[test]
fn without_the_gil_threads_share_the_cores_there_are() {
    for (cores, ratio) in [(1usize, 4.0), (2, 2.0), (4, 1.0)] {
        let (_, tl) = common::run_on(program("gil-cpu", Some(false)), 1, cores);
        let now = tl.horizon(0);
        assert_eq!(tl.max_concurrent(State::Running, now), cores.min(4));
        let share = tl.cpu_share(now).unwrap();
        assert!(
            (share.ratio() - ratio).abs() < 0.15,
            "{cores} cores: {} vs {ratio}",
            share.ratio()
        );
        let waited: u64 = all_in(&tl, now, State::WaitingCpu);
        // Four workers and main on four cores: a moment's wait at the start.
        // Each waits the run's length less its own second: 4 × (4/cores − 1) s.
        let expected = 4 * (4 * SECOND / cores as u64 - SECOND);
        assert!(
            waited.abs_diff(expected) < SECOND / 4,
            "{cores} cores: {waited} ns waiting for a core, about {expected}"
        );
        assert!(
            tl.tracks()
                .iter()
                .all(|t| t.time_in(now, |s| s == State::WaitingGil) == 0),
            "no GIL to wait for"
        );
    }
}

#[test]
fn start_lets_the_new_thread_run_at_once_even_with_the_gil() {
    // CPython's start() waits for the new thread to run, releasing the GIL:
    // every "sub thread start" line comes before "main thread end".
    // In today's spelling (or before 3.10) no DeprecationWarning holds a
    // thread back.
    let ov = Overrides {
        python: Some(Python::V3_9),
        ..Overrides::default()
    };
    let (_, tl) = run(scenario::builtin("basic", ov).unwrap().unwrap(), 1);
    let text: Vec<&str> = tl.output.iter().map(|l| l.text.as_str()).collect();
    let main_end = text.iter().position(|t| *t == "main thread end").unwrap();
    let starts: Vec<usize> = (0..text.len())
        .filter(|&i| text[i].starts_with("sub thread start"))
        .collect();
    assert_eq!(starts.len(), 5);
    assert!(starts.iter().all(|&i| i < main_end), "{text:?}");
}
