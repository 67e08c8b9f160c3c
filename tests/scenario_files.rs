//! Scenario files (`tests/scenarios/`) run plain by the real binary, each
//! within a time limit: a run that hangs fails here instead of hanging.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::printed;

/// `tests/scenarios/{name}` run plain at speed 100, seed 1: its exit code,
/// stdout and stderr; panics if it has not ended within 20 s.
fn run_file(name: &str) -> (Option<i32>, String, String) {
    let file = format!("{}/tests/scenarios/{name}", env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_threadline"))
        .args(["--lang", "en", "run", &file, "--plain", "--speed", "100"])
        .args(["--seed", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().ok();
            child.wait().ok();
            panic!("{name} still ran after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (mut out, mut err) = (String::new(), String::new());
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status.code(), out, err)
}

#[test]
fn a_join_on_a_thread_not_created_yet_waits_for_it_as_the_twin_does() {
    // CPython 3.11 runs the twin so: j's join waits until main has created
    // and started w. Main's sleep was never allowed to end.
    let (code, out, err) = run_file("join-before-created.toml");
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(
        printed(&out),
        "j joins w\nw runs\nj joined w\nmain done",
        "{out}"
    );
}

#[test]
fn main_waiting_at_exit_for_a_thread_that_waits_for_its_lock_is_a_deadlock() {
    let (code, out, err) = run_file("exit-holding-lock.toml");
    assert_eq!(code, Some(3), "{out}{err}");
    assert_eq!(printed(&out), "w wants L\nmain ends holding L", "{out}");
    assert!(
        out.contains(
            "both live threads wait, with no timeout, for something only a thread of the \
             program could give: main waits at exit for the threads that are not daemons; \
             w waits for Lock L, held by main."
        ),
        "{out}"
    );
}

#[test]
fn a_lock_whose_holder_ended_holding_it_is_waited_for_good() {
    let (code, out, err) = run_file("lock-of-the-dead.toml");
    assert_eq!(code, Some(3), "{out}{err}");
    assert_eq!(printed(&out), "main wants L", "{out}");
    assert!(
        out.contains(
            "the only live thread waits, with no timeout, for something only another thread \
             could give: main waits for Lock L, still held by w, which ended without \
             releasing it."
        ),
        "{out}"
    );
}

#[test]
fn updates_never_made_are_not_lost_to_the_race() {
    let (code, out, err) = run_file("daemon-never-counts.toml");
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains(
            "`c`: expected 0, got 0: no update was lost. 1 more update was never made \
             (its thread was cut short or failed first, or never got to it): no race lost it."
        ),
        "{out}"
    );
    let (code, out, err) = run_file("fail-before-count.toml");
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains("`c`: expected 0, got 0: no update was lost. 10 more updates were never made"),
        "{out}"
    );
    assert!(!out.contains("lost to the race"), "{out}");
}

#[test]
fn releasing_a_lock_nobody_holds_raises_as_python_does() {
    let (code, stdout, stderr) = run_file("release-unlocked.toml");
    assert_eq!(code, Some(0), "main goes on: {stdout}{stderr}");
    assert_eq!(printed(&stdout), "main done", "{stdout}");
    assert!(
        stderr.contains("Exception in thread w:")
            && stderr.contains("RuntimeError: release unlocked lock"),
        "{stderr}"
    );
    assert!(
        stdout.contains("failed (RuntimeError: release unlocked lock (release-unlocked.toml:11))"),
        "{stdout}"
    );
}

#[test]
fn any_thread_may_release_a_lock_another_holds_as_in_python() {
    // Its twin (`threadline source`) on CPython 3.11 prints these three
    // lines, then w's own release raises: main had let it go and taken it
    // and let it go again meanwhile.
    let (code, stdout, stderr) = run_file("release-held-by-another.toml");
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert_eq!(
        printed(&stdout),
        "w holds it\nmain has it\nmain done",
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "failed (RuntimeError: release unlocked lock (release-held-by-another.toml:19))"
        ),
        "{stdout}"
    );
    assert!(stderr.contains("Exception in thread w:"), "{stderr}");
}
