//! Every kind of bad scenario gets `file:line:col: what is wrong`, never a
//! panic; overrides change what they say they change.

use threadline::scenario::{Overrides, Step, compile_str};

fn err(src: &str) -> String {
    compile_str("t", "t.toml", src, Overrides::default())
        .expect_err("should be rejected")
        .to_string()
}

const WORKER: &str = "[classes.W]\nrun = [ { sleep = 1 } ]\n";

#[test]
fn invalid_toml() {
    let e = err("main = [ { print = \"x\" }\n");
    assert!(e.starts_with("t.toml:1:"), "{e}");
}

#[test]
fn unknown_step_field_points_at_it() {
    assert!(err("main = [ { slep = 1 } ]\n").starts_with("t.toml:1:12: unknown field `slep`"));
    assert!(err("titel = \"x\"\nmain = []\n").starts_with("t.toml:1:1: unknown field `titel`"));
}

#[test]
fn a_step_with_no_kind_or_two_kinds() {
    assert_eq!(
        err("main = [ {} ]\n"),
        "t.toml:1:10: a step needs one of: print, sleep, compute, spawn, start, join, increment, \
         report, acquire, release, warn"
    );
    assert_eq!(
        err("main = [ { print = \"a\", sleep = 1 } ]\n"),
        "t.toml:1:10: a step does one thing, but this one has print and sleep"
    );
}

#[test]
fn join_of_a_thread_that_does_not_exist() {
    let e = err("main = [\n  { join = \"ghost\" },\n]\n");
    assert!(
        e.starts_with("t.toml:2:12: no thread is named `ghost`"),
        "{e}"
    );
}

#[test]
fn negative_and_absurd_durations() {
    assert_eq!(
        err("main = [ { sleep = -1 } ]\n"),
        "t.toml:1:20: a duration must be zero or more seconds, not -1"
    );
    assert!(
        err("main = [\n { compute = 99999 } ]\n").starts_with("t.toml:2:14: 99999 s is too long")
    );
    assert!(
        err("main = [ { sleep = nan } ]\n")
            .starts_with("t.toml:1:20: a duration must be zero or more")
    );
}

#[test]
fn a_thread_joining_itself() {
    let src = String::from(
        "main = [ { spawn = \"J\", name = \"me\" } ]\n[classes.J]\nrun = [ { join = \"me\" } ]\n",
    );
    assert_eq!(
        err(&src),
        "t.toml:3:18: a thread cannot join itself (Python raises RuntimeError)"
    );
}

#[test]
fn joins_in_a_cycle_never_return() {
    let src = "main = [\n  { spawn = \"A\", name = \"a\" },\n  { spawn = \"B\", name = \"b\" },\n]\n\
               [classes.A]\nrun = [ { join = \"b\" } ]\n[classes.B]\nrun = [ { join = \"a\" } ]\n";
    let e = err(src);
    assert!(
        e.starts_with("t.toml:6:18: this join never returns: `a` waits for `b` waits for `a`"),
        "{e}"
    );
}

#[test]
fn joining_main_or_a_thread_never_started() {
    let main = String::from(
        "main = [ { spawn = \"J\", name = \"j\" } ]\n[classes.J]\nrun = [ { join = \"main\" } ]\n",
    );
    assert!(err(&main).starts_with("t.toml:3:18: joining main never returns"));
    let unstarted = format!(
        "main = [ {{ spawn = \"W\", name = \"w\", start = false }}, {{ join = \"w\" }} ]\n{WORKER}"
    );
    let e = err(&unstarted);
    assert!(e.contains("`w` is joined but never started"), "{e}");
}

#[test]
fn counts_names_and_classes() {
    let e = err(&format!(
        "main = [ {{ spawn = \"W\", count = -2, name = \"w {{i}}\" }} ]\n{WORKER}"
    ));
    assert_eq!(e, "t.toml:1:33: count must be from 0 to 99999, not -2");
    let e = err(&format!(
        "main = [ {{ spawn = \"W\", count = 2, name = \"w\" }} ]\n{WORKER}"
    ));
    assert!(e.contains("2 threads would all be named `w`"), "{e}");
    let e = err(&format!(
        "main = [ {{ spawn = \"W\", name = \"x\" }}, {{ spawn = \"W\", name = \"x\" }} ]\n{WORKER}"
    ));
    assert!(e.contains("a second thread named `x`"), "{e}");
    let e = err(&format!("main = [ {{ spawn = \"Nope\" }} ]\n{WORKER}"));
    assert_eq!(e, "t.toml:1:20: unknown class `Nope`; known classes: W");
    let e = err("main = [ { sleep = 1, count = 3 } ]\n");
    assert!(e.contains("`count` belongs to a `spawn` step"), "{e}");
}

#[test]
fn a_class_that_spawns_itself_forever_is_stopped() {
    let e = err(
        "main = [ { spawn = \"R\" } ]\n[classes.R]\nrun = [ { spawn = \"R\", count = 2, name = \"r{i}\" } ]\n",
    );
    assert!(
        e.contains("thread names must be unique") || e.contains("more than 100000 threads"),
        "{e}"
    );
}

#[test]
fn unknown_scenario_lists_the_known_ones() {
    let e = threadline::scenario::load("nosuch", Overrides::default())
        .unwrap_err()
        .to_string();
    for name in ["basic", "daemon", "join", "mixed"] {
        assert!(e.contains(name), "{e}");
    }
}

#[test]
fn overrides_change_daemon_flags_and_counts() {
    let ov = Overrides {
        daemon: Some(true),
        workers: Some(7),
        gil: None,
        python: None,
    };
    let p = threadline::scenario::builtin("basic", ov).unwrap().unwrap();
    assert_eq!(p.worker_count(), 7);
    assert!(p.threads[1..].iter().all(|t| t.daemon));
    let p = threadline::scenario::builtin(
        "daemon",
        Overrides {
            daemon: Some(false),
            ..Overrides::default()
        },
    )
    .unwrap()
    .unwrap();
    assert!(p.threads[1..].iter().all(|t| !t.daemon));
    // `join` has no counted spawn: --workers leaves it alone.
    let p = threadline::scenario::builtin(
        "join",
        Overrides {
            workers: Some(9),
            ..Overrides::default()
        },
    )
    .unwrap()
    .unwrap();
    assert_eq!(p.worker_count(), 2);
}

#[test]
fn the_seed_programs_compile_to_the_seed_lines() {
    let p = threadline::scenario::builtin("basic", Overrides::default())
        .unwrap()
        .unwrap();
    assert_eq!(p.threads[1].name, "thread 0");
    // The post's `currentThread()` warns first (from 3.10), then prints.
    assert!(
        matches!(&p.threads[1].steps[0], Step::Warn { text, .. } if text.starts_with("DeprecationWarning"))
    );
    assert_eq!(
        p.threads[1].steps[1],
        Step::Print("sub thread start  thread 0".into())
    );
    assert_eq!(
        p.threads[1].steps[3],
        Step::Print("sub thread end    thread 0".into())
    );
    assert_eq!(p.threads[1].steps[2], Step::Sleep(3_000_000_000));
    let j = threadline::scenario::builtin("join", Overrides::default())
        .unwrap()
        .unwrap();
    assert_eq!(j.threads[1].steps[2], Step::Sleep(5_000_000_000));
}

#[test]
fn process_classes_run_one_thread_and_are_not_daemons() {
    let e = err(
        "main = [ { spawn = \"P\" } ]\n[classes.P]\nprocess = true\nrun = [\n  { spawn = \"P\" },\n]\n",
    );
    assert_eq!(
        e,
        "t.toml:5:13: a process class runs one thread in its child process: spawn, start and join are not supported inside it"
    );
    let e = err(
        "main = [ { spawn = \"P\", daemon = true } ]\n[classes.P]\nprocess = true\nrun = [ { sleep = 1 } ]\n",
    );
    assert_eq!(
        e,
        "t.toml:1:34: `P` is a process class: daemon processes are not supported yet"
    );
    // --daemon is about threads: a process stays a non-daemon one.
    let src =
        "main = [ { spawn = \"P\" } ]\n[classes.P]\nprocess = true\nrun = [ { sleep = 1 } ]\n";
    let ov = Overrides {
        daemon: Some(true),
        ..Overrides::default()
    };
    let p = compile_str("t", "t.toml", src, ov).unwrap();
    assert!(p.threads[1].process);
    assert!(!p.threads[1].daemon);
}

#[test]
fn a_thread_with_an_empty_name() {
    // Python would call it `Thread-N`: threadline names no thread itself.
    let src = format!("main = [\n  {{ spawn = \"W\", name = \"\" }},\n]\n{WORKER}");
    assert_eq!(
        err(&src),
        "t.toml:2:25: a thread needs a name: Python names a thread given the empty name itself (`Thread-1`, …)"
    );
    let src = format!("main = [ {{ spawn = \"W\", count = 1, name = \"\" }} ]\n{WORKER}");
    assert!(err(&src).starts_with("t.toml:1:"), "{}", err(&src));
}

#[test]
fn a_gil_that_contradicts_the_python_is_an_error_at_the_gil() {
    assert_eq!(
        err("python = \"3.13t\"\ngil = true\nmain = [ { print = \"x\" } ]\n"),
        "t.toml:2:7: `gil = true` contradicts `python = \"3.13t\"`, which says whether there \
         is a GIL: keep one of the two"
    );
    assert!(
        err("python = \"3.9\"\ngil = false\nmain = []\n").starts_with("t.toml:2:7: `gil = false`")
    );
    // One that agrees is no mistake.
    for ok in [
        "python = \"3.12\"\ngil = true\n",
        "python = \"3.13t\"\ngil = false\n",
    ] {
        let src = format!("{ok}main = [ {{ print = \"x\" }} ]\n");
        assert!(
            compile_str("t", "t.toml", &src, Overrides::default()).is_ok(),
            "{ok}"
        );
    }
}

#[test]
fn a_daemon_threads_child_process_is_no_daemon_and_is_allowed() {
    // multiprocessing takes a Process's daemon flag from the process that
    // makes it, not from the thread: a daemon thread may start one.
    let src = "main = [ { spawn = \"D\", name = \"d\" }, { join = \"d\" } ]\n\
               [classes.D]\ndaemon = true\nrun = [ { spawn = \"P\", name = \"p\" }, { join = \"p\" } ]\n\
               [classes.P]\nprocess = true\nrun = [ { print = \"child runs\" } ]\n";
    let p = compile_str("t", "t.toml", src, Overrides::default()).expect("allowed");
    let by = |n: &str| p.threads.iter().find(|t| t.name == n).unwrap();
    assert!(by("d").daemon);
    assert!(by("p").process && !by("p").daemon);
    // Asking for a daemon process is what is not supported.
    let asked = src.replace("process = true", "process = true\ndaemon = true");
    assert!(
        err(&asked).contains("daemon processes are not supported"),
        "{}",
        err(&asked)
    );
}
