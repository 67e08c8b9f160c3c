//! Scenarios on real threads at high speed: orders and outcomes, CPython's
//! exit order, pause, step and stop.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, unbounded};
use threadline::event::{Batch, Event, EventKind, MAIN, Outcome, SECOND, State};
use threadline::model::Timeline;
use threadline::runtime::Run;
use threadline::scenario::{self, Overrides, Program};

fn program(name: &str) -> Program {
    scenario::builtin(name, Overrides::default())
        .unwrap()
        .unwrap()
}

/// `basic` started paused at `speed` (seed 1), and its events.
fn paused_basic(speed: f64) -> (Run, Receiver<Batch>) {
    let (tx, rx) = unbounded();
    let run = Run::start(
        Arc::new(program("basic")),
        common::options(speed, 1, true),
        tx,
    )
    .expect("the main thread starts");
    (run, rx)
}

mod common;
use common::run;

#[test]
fn daemon_threads_are_cut_short_exactly_at_the_exit_and_never_before() {
    for seed in 0..5 {
        let (events, tl) = run(program("mixed"), seed);
        let (exit, code) = tl.process_exit.unwrap();
        assert_eq!(code, 0);
        let last_worker_end = tl
            .tracks()
            .iter()
            .filter(|t| !t.daemon() && t.id != MAIN)
            .map(|t| t.end().unwrap().0)
            .max()
            .unwrap();
        assert!(
            exit > last_worker_end,
            "the process waits for non-daemon threads"
        );
        for t in tl.tracks().iter().filter(|t| t.daemon()) {
            assert_eq!(
                t.end(),
                Some((exit, Outcome::CutShort)),
                "{} cut at the exit",
                t.name
            );
        }
        // Nothing a daemon does is reported after the exit.
        for e in &events {
            if tl.track(e.thread).unwrap().daemon() {
                assert!(e.at <= exit, "{e:?}");
            }
        }
        assert_eq!(tl.ended_with(Outcome::CutShort).count(), 3);
    }
}

#[test]
fn main_waits_at_exit_in_basic_and_joins_in_join() {
    let (_, tl) = run(program("basic"), 1);
    let main = tl.track(MAIN).unwrap();
    let code_end = tl.main_code_end.unwrap();
    assert_eq!(main.state_at(code_end + 1), Some(State::WaitingAtExit));
    assert!(
        tl.tracks()[1..]
            .iter()
            .all(|t| t.outcome() == Some(Outcome::Finished))
    );

    let (_, tl) = run(program("join"), 1);
    let main = tl.track(MAIN).unwrap();
    let joined = main
        .spans(tl.horizon(0))
        .filter(|s| matches!(s.state, State::Joining))
        .count();
    assert!(joined >= 1, "main blocked in join");
    let post = tl
        .output
        .iter()
        .find(|l| l.text == "main thread post job")
        .unwrap()
        .at;
    for t in &tl.tracks()[1..] {
        assert!(t.end().unwrap().0 < post);
    }
}

#[test]
fn the_same_seed_gives_the_same_events() {
    let key = |v: Vec<Event>| {
        let mut v: Vec<_> = v
            .into_iter()
            .map(|e| (e.at, e.thread, format!("{:?}", e.kind)))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        key(run(program("basic"), 7).0),
        key(run(program("basic"), 7).0)
    );
    assert_ne!(
        key(run(program("basic"), 7).0),
        key(run(program("basic"), 8).0)
    );
}

#[test]
fn pause_freezes_the_program_and_resume_finishes_it() {
    let (run, rx) = paused_basic(100.0);
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(run.now(), 0, "program time does not move while paused");
    // Frozen at t = 0: what is scheduled at 0 happens (main's first line),
    // nothing later does.
    let early: Vec<Event> = rx.try_iter().flatten().collect();
    assert!(early.iter().all(|e| e.at == 0), "{early:?}");
    let outputs = early
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Output { .. }))
        .count();
    assert!(outputs <= 1, "at most main's first line");
    run.resume();
    run.wait();
    let tl = Timeline::from_events(&rx.try_iter().flatten().collect::<Vec<_>>());
    assert!(tl.process_exit.is_some());
}

#[test]
fn step_moves_to_the_next_moment_and_freezes_again() {
    let (run, _rx) = paused_basic(1.0);
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut t = 0;
    while t == 0 {
        assert!(Instant::now() < deadline);
        t = run.step_next().unwrap_or(0);
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(run.now(), t);
    assert!(run.is_paused());
    std::thread::sleep(Duration::from_millis(20));
    assert_eq!(run.now(), t, "frozen after the step");
    run.step(SECOND / 10);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(run.now(), t + SECOND / 10, "step(dt) runs dt, then freezes");
}

/// Threads of this process whose name starts with `prefix`.
fn threads_named(prefix: &str) -> usize {
    std::fs::read_dir("/proc/self/task")
        .unwrap()
        .flatten()
        .filter(|t| {
            std::fs::read_to_string(t.path().join("comm")).is_ok_and(|c| c.starts_with(prefix))
        })
        .count()
}

#[test]
fn stop_mid_sleep_and_mid_compute_leaves_no_thread_behind() {
    let src = "main = [ { spawn = \"S\", count = 3, name = \"zzsleep{i}\" }, { spawn = \"C\", count = 2, name = \"zzcpu{i}\" } ]\n\
               [classes.S]\nrun = [ { sleep = 60 } ]\n[classes.C]\nrun = [ { compute = 60 } ]\n";
    let p = scenario::compile_str("stop", "stop.toml", src, Overrides::default()).unwrap();
    let (tx, _rx) = unbounded();
    let run = Run::start(Arc::new(p), common::options(1.0, 1, false), tx)
        .expect("the main thread starts");
    let deadline = Instant::now() + Duration::from_secs(10);
    while threads_named("zz") < 5 {
        assert!(Instant::now() < deadline, "threads started");
        std::thread::sleep(Duration::from_millis(5));
    }
    let t0 = Instant::now();
    run.stop();
    assert!(
        t0.elapsed() < Duration::from_secs(5),
        "stop returns promptly"
    );
    assert_eq!(threads_named("zz"), 0, "every thread of the run is gone");
    assert!(run.is_over());
}

#[test]
fn a_thread_created_now_can_be_started_later() {
    let src = "main = [ { spawn = \"W\", name = \"late\", start = false }, { print = \"created\" }, { start = \"late\" }, { join = \"late\" } ]\n\
               [classes.W]\nrun = [ { print = \"late runs\" } ]\n";
    let p = scenario::compile_str("late", "late.toml", src, Overrides::default()).unwrap();
    let (_, tl) = run(p, 1);
    let texts: Vec<&str> = tl.output.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["created", "late runs"]);
}

#[test]
fn a_warning_is_shown_once_for_each_place_and_text_as_python_does() {
    // Main warns before and after its workers; each of the three workers
    // runs two warns written on one line, with two texts. CPython (3.10 on)
    // shows one for each line and text: four, whoever gets there first.
    let src = r#"
main = [
  { warn = "DeprecationWarning: old thing" },
  { spawn = "W", count = 3, name = "w{i}" },
  { join = "all" },
  { warn = "DeprecationWarning: old thing" },
]
[classes.W]
run = [ { warn = "DeprecationWarning: old thing" }, { warn = "DeprecationWarning: other thing" } ]
"#;
    let ov = Overrides {
        python: Some(scenario::Python::V3_12),
        ..Overrides::default()
    };
    let p = scenario::compile_str("warns", "warns.toml", src, ov).unwrap();
    let (_, tl) = run(p, 1);
    let warned: Vec<&str> = tl
        .output
        .iter()
        .map(|l| l.text.as_str())
        .filter(|t| t.starts_with("DeprecationWarning"))
        .collect();
    assert_eq!(warned.len(), 4, "{warned:?}");
    assert_eq!(
        warned.iter().filter(|t| t.ends_with("other thing")).count(),
        1,
        "{warned:?}"
    );
}
