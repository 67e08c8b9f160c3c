//! The real binary in plain mode: what a learner sees when stdout is not a
//! terminal. A fixed seed makes the whole output the same on every machine.

mod common;
use common::printed;

use std::process::{Command, Output};

/// The binary with `args`, in English unless they say `--lang` (whatever
/// the test machine's LANG says).
fn threadline(args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_threadline"));
    if !args.contains(&"--lang") {
        cmd.args(["--lang", "en"]);
    }
    cmd.args(args).output().expect("runs")
}

fn plain(scenario: &str) -> String {
    let out = threadline(&[
        "run", scenario, "--plain", "--speed", "100", "--seed", "1", "--cores", "2",
    ]);
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
    // All five start lines; in the post's spelling the first thread's
    // DeprecationWarning can hold its start line back past main's end.
    assert_eq!(
        l[1..7]
            .iter()
            .filter(|x| x.starts_with("sub thread start  thread "))
            .count(),
        5
    );
    let end = l.iter().position(|x| *x == "main thread end").unwrap();
    assert!(end <= 6);
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
    assert!(!printed(&s).contains("sub thread end    thread"));
    // What the exit took away is listed apart, after the summary.
    assert_eq!(
        s.matches("  thread 4  sub thread end    thread 4").count(),
        1
    );
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
    assert_eq!(printed(&s).matches("daemon end").count(), 0);
    assert_eq!(
        s.matches("  daemon end    daemon ").count(),
        3,
        "never printed"
    );
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
    let file = common::scratch_file(
        "cli",
        "cycle.toml",
        "main = [\n  { join = \"nobody\" },\n]\n",
    );
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

/// `process 0 (4242)` as `process 0 (PID)`, and the columns' runs of
/// spaces as two (pids change from run to run, and with them the widths).
fn without_pids(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines() {
        let mut words: Vec<String> = Vec::new();
        for w in line.split("  ").filter(|w| !w.is_empty()) {
            words.push(w.trim().to_string());
        }
        let line = words.join("  ");
        let mut rest = line.as_str();
        while let Some(i) = rest.find(" (") {
            let (head, tail) = rest.split_at(i + 2);
            out.push_str(head);
            let digits = tail.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 && tail[digits..].starts_with(')') {
                out.push_str("PID");
                rest = &tail[digits..];
            } else {
                rest = tail;
            }
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

#[test]
fn processes_keep_their_own_memory_and_say_so() {
    let s = plain("processes");
    let l = lines(&s);
    assert_eq!(l[0], "parent: starting 4 processes");
    assert_eq!(l.iter().filter(|x| **x == "counter = 1000").count(), 4);
    // The parent's copy, printed after every child was joined.
    let parent = l.iter().position(|x| *x == "counter = 0").unwrap();
    assert!(l.iter().rposition(|x| *x == "counter = 1000").unwrap() < parent);
    assert!(s.contains("the parent's is 0; each of the 4 child processes' is 1000"));
    // Each process's row shows its pid; pids change from run to run.
    let rows: Vec<&str> = l
        .iter()
        .copied()
        .filter(|x| x.starts_with("process "))
        .collect();
    assert!(
        rows.iter().filter(|r| r.contains(" (")).count() == 4,
        "{rows:?}"
    );
    insta::assert_snapshot!(without_pids(&s));
}

#[test]
fn the_tour_needs_a_terminal_and_says_so() {
    let out = threadline(&["demo"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the tour needs a terminal"), "{err}");
}

// Korean: the same run, its words in Korean, the table lined up by display
// width (a Hangul syllable takes two columns).

use unicode_width::UnicodeWidthStr;

/// The cells of a table row: runs separated by two or more spaces, each
/// with its first and last display column.
fn cells(row: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut rest = row;
    let mut col = 0;
    while !rest.is_empty() {
        let lead = rest.len() - rest.trim_start().len();
        col += rest[..lead].width();
        rest = &rest[lead..];
        let end = rest.find("  ").unwrap_or(rest.len());
        let cell = &rest[..end];
        if !cell.is_empty() {
            out.push((col, col + cell.width(), cell));
        }
        col += cell.width();
        rest = &rest[end..];
    }
    out
}

#[test]
fn korean_summary_lines_up_by_display_width() {
    let out = threadline(&[
        "--lang", "ko", "run", "daemon", "--plain", "--speed", "100", "--seed", "1",
    ]);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    let l = lines(&s);
    assert_eq!(
        l[0], "main thread start",
        "the program's own lines stay as printed"
    );
    let head = l
        .iter()
        .position(|x| x.starts_with("스레드"))
        .expect("a table");
    let table: Vec<Vec<(usize, usize, &str)>> =
        l[head..head + 7].iter().map(|r| cells(r)).collect();
    assert_eq!(
        table[0].iter().map(|c| c.2).collect::<Vec<_>>(),
        ["스레드", "데몬", "시작", "끝", "결과"]
    );
    for row in &table[1..] {
        assert_eq!(row.len(), 5, "{row:?}");
        for (i, (cell, head)) in row.iter().zip(&table[0]).enumerate() {
            if i == 2 || i == 3 {
                assert_eq!(cell.1, head.1, "times end under their title: {row:?}");
            } else {
                assert_eq!(cell.0, head.0, "words start under their title: {row:?}");
            }
        }
    }
    assert_eq!(s.lines().filter(|r| r.ends_with("중단됨")).count(), 5);
    assert!(
        l[head + 7].starts_with("프로세스가 0.00"),
        "{}",
        l[head + 7]
    );
    assert!(
        l[head + 8].starts_with("참고: 원문 글에는"),
        "the note in Korean"
    );
    insta::assert_snapshot!(s);
}

/// `threadline list` with only these locale variables set.
fn list_with(env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_threadline"));
    for k in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(k);
    }
    let out = cmd.envs(env.iter().copied()).arg("list").output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_language_comes_from_the_locale_unless_lang_says() {
    let korean = "main이 작업 스레드 5개를 시작하고";
    let english = "main starts 5 workers and ends first";
    assert!(list_with(&[]).contains(english));
    assert!(list_with(&[("LANG", "ko_KR.UTF-8")]).contains(korean));
    assert!(list_with(&[("LC_ALL", "C"), ("LANG", "ko_KR.UTF-8")]).contains(english));
    assert!(list_with(&[("LC_ALL", ""), ("LC_MESSAGES", "ko_KR.UTF-8")]).contains(korean));
    // The flag wins, before or after the command's name.
    let out = threadline(&["list", "--lang", "ko"]);
    assert!(String::from_utf8(out.stdout).unwrap().contains(korean));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_threadline"));
    let out = cmd
        .env("LANG", "ko_KR.UTF-8")
        .args(["--lang", "en", "list"]);
    assert!(
        String::from_utf8(out.output().unwrap().stdout)
            .unwrap()
            .contains(english)
    );
}

#[test]
fn scenario_errors_in_korean_keep_their_place() {
    let file = common::scratch_file(
        "cli-ko",
        "ghost.toml",
        "main = [\n  { join = \"nobody\" },\n]\n",
    );
    let out = threadline(&["--lang", "ko", "run", file.to_str().unwrap(), "--plain"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("ghost.toml:2:12: 이름이 `nobody`인 스레드가 없습니다"),
        "{err}"
    );
}

#[test]
fn a_ring_of_daemons_main_leaves_behind_does_not_end_the_run() {
    // Python exits 0 here ("main leaves"), the two daemons cut short in
    // their ring: so does the run, naming the ring as it stood at the end.
    // Their ghosts wait on each other: no line would ever have come.
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/ring-left.toml"
    );
    let s = plain(file);
    assert_eq!(printed(&s), "main leaves", "{s}");
    assert!(s.contains("process exited at 2.0"), "{s}");
    assert!(
        s.contains("Deadlock: alice holds Lock left and waits for Lock right")
            && s.contains("The rest of the program went on without them"),
        "{s}"
    );
    assert!(
        !s.contains("Never printed") && !s.contains("would have come"),
        "{s}"
    );
}
