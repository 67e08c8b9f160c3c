//! The real binary in plain mode: what a learner sees when stdout is not a
//! terminal. A fixed seed makes the whole output the same on every machine.

use std::process::{Command, Output};

fn threadline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_threadline"))
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("runs")
}

fn plain(scenario: &str) -> String {
    let out = threadline(&["run", scenario, "--plain", "--speed", "100", "--seed", "1"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn lines(s: &str) -> Vec<&str> {
    s.lines().collect()
}

#[test]
fn basic_prints_main_end_first_and_the_end_lines_after() {
    let s = plain("basic");
    let l = lines(&s);
    assert_eq!(l[0], "main thread start");
    assert!(
        l[1..6]
            .iter()
            .all(|x| x.starts_with("sub thread start  thread "))
    );
    assert_eq!(l[6], "main thread end");
    assert!(
        l[7..12]
            .iter()
            .all(|x| x.starts_with("sub thread end    thread "))
    );
    assert_eq!(s.matches("  finished").count(), 5);
    assert!(s.contains("exited"));
    insta::assert_snapshot!(s);
}

#[test]
fn daemon_prints_no_end_line_and_says_why() {
    let s = plain("daemon");
    assert!(!s.contains("sub thread end    thread"));
    assert_eq!(s.lines().filter(|l| l.ends_with("cut short")).count(), 5);
    assert!(s.contains(
        "note: The seed post shows five `sub thread end` lines here, but CPython never prints them"
    ));
    insta::assert_snapshot!(s);
}

#[test]
fn join_prints_both_end_lines_before_the_post_job() {
    let s = plain("join");
    let l = lines(&s);
    let post = l.iter().position(|x| *x == "main thread post job").unwrap();
    let ends: Vec<usize> = l
        .iter()
        .enumerate()
        .filter(|(_, x)| x.starts_with("sub thread end"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(ends.len(), 2);
    assert!(ends.iter().all(|&e| e < post));
    insta::assert_snapshot!(s);
}

#[test]
fn mixed_waits_for_the_workers_then_cuts_the_daemons() {
    let s = plain("mixed");
    assert_eq!(s.matches("worker end").count(), 2);
    assert_eq!(s.matches("daemon end").count(), 0);
    assert_eq!(s.lines().filter(|l| l.ends_with("cut short")).count(), 3);
    insta::assert_snapshot!(s);
}

#[test]
fn plain_is_automatic_when_stdout_is_not_a_terminal() {
    let out = threadline(&["run", "daemon", "--speed", "100", "--seed", "1"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), plain("daemon"));
}

#[test]
fn list_shows_every_built_in_scenario() {
    let out = threadline(&["list"]);
    let s = String::from_utf8(out.stdout).unwrap();
    for name in [
        "basic", "daemon", "join", "mixed", "stress", "gil-cpu", "gil-io", "race",
    ] {
        assert!(s.lines().any(|l| l.starts_with(name)), "{name} in {s}");
    }
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    let dir = std::env::temp_dir().join(format!("threadline-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cycle.toml");
    std::fs::write(&file, "main = [\n  { join = \"nobody\" },\n]\n").unwrap();
    let out = threadline(&["run", file.to_str().unwrap(), "--plain"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("cycle.toml:2:12: no thread is named `nobody`"),
        "{err}"
    );

    let out = threadline(&["run", "nosuch", "--plain"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("basic, daemon, join, mixed")
    );

    let out = threadline(&["run", "basic", "--speed", "0"]);
    assert_eq!(out.status.code(), Some(2), "clap's own errors exit 2");
    let out = threadline(&["run", "/nonexistent/x.toml"]);
    assert_eq!(out.status.code(), Some(2));
}
