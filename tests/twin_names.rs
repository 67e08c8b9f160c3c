//! Small scenarios whose twins (`threadline source`) went wrong: a name of
//! the scenario's that is one of the program's own, a name that is no
//! Python identifier, a class whose run writes no statement, an import
//! left out. Each twin runs on `python3` and prints what
//! `threadline run --plain` prints, with exit code 0.

use std::process::Command;

use threadline::scenario;

/// (what it checks, the scenario).
const CASES: &[(&str, &str)] = &[
    (
        "a lock called `lock` next to the helper for `fork {i}`",
        r#"
main = [
  { acquire = "lock" },
  { print = "main has lock" },
  { release = "lock" },
  { spawn = "W", count = 2, name = "w {i}" },
  { join = "all" },
]
[classes.W]
run = [ { acquire = "fork {i}" }, { print = "{name} has fork {i}" }, { release = "fork {i}" } ]
"#,
    ),
    (
        "a thread called `lock` next to the helper",
        r#"
main = [
  { spawn = "W", name = "lock" },
  { join = "lock" },
  { spawn = "W", name = "w2" },
  { join = "w2" },
  { print = "main done" },
]
[classes.W]
run = [ { acquire = "fork {i}" }, { print = "{name} has fork {i}" }, { release = "fork {i}" } ]
"#,
    ),
    (
        "a call named as its counter",
        r#"
main = [ { increment = "total", times = 3, call = "total" }, { report = "total" } ]
"#,
    ),
    (
        "a counter called `super` next to a daemon class's __init__",
        r#"
main = [
  { increment = "super" },
  { spawn = "D", name = "d" },
  { join = "d" },
  { report = "super" },
]
[classes.D]
daemon = true
run = [ { print = "{name} runs" } ]
"#,
    ),
    (
        "a lock called `warnings` next to a warn step",
        r#"
main = [
  { acquire = "warnings" },
  { release = "warnings" },
  { warn = "DeprecationWarning: old thing" },
  { print = "done" },
]
"#,
    ),
    (
        "a counter called `_`, the loop's variable",
        r#"
main = [ { increment = "_", times = 5 }, { increment = "_", times = 5 }, { report = "_" } ]
"#,
    ),
    (
        "counters called `__name__` (the main guard's) and `__x` (mangled in a class)",
        r#"
main = [
  { increment = "__name__" },
  { spawn = "P", name = "p" },
  { join = "p" },
  { spawn = "W", name = "w" },
  { join = "w" },
  { report = "__name__" },
  { report = "__x" },
]
[classes.P]
process = true
run = [ { print = "{name} runs" } ]
[classes.W]
run = [ { increment = "__x", times = 2 } ]
"#,
    ),
    (
        "a class whose run writes no statement",
        r#"
main = [ { spawn = "Idle", name = "idle" }, { join = "all" }, { print = "main done" } ]
[classes.Idle]
run = [ { join = "all" } ]
"#,
    ),
    (
        "processes only, one calling threading.currentThread()",
        r#"
main = [ { spawn = "P", count = 2, name = "p{i}" }, { join = "all" }, { print = "done" } ]
[classes.P]
process = true
run = [
  { warn = "DeprecationWarning: currentThread() is deprecated, use current_thread() instead" },
  { print = "{name} ran" },
]
"#,
    ),
    (
        "two locks Python would read as one (NFKC: `ﬁ` is `fi`)",
        r#"
main = [ { acquire = "ﬁ" }, { print = "main has ﬁ" }, { acquire = "fi" }, { print = "main has fi too" } ]
"#,
    ),
    (
        "lock names with characters no identifier may have",
        r#"
main = [
  { acquire = "x²" },
  { release = "x²" },
  { acquire = "٣d" },
  { release = "٣d" },
  { acquire = "자물쇠" },
  { release = "자물쇠" },
  { print = "done" },
]
"#,
    ),
    (
        "`{i}` in the name of a spawn without `count`: place 0",
        r#"
main = [
  { spawn = "W", name = "w {i}" },
  { join = "w 0" },
  { spawn = "W", name = "v {i}", start = false },
  { start = "v 0" },
  { join = "all" },
  { print = "main done" },
]
[classes.W]
run = [ { print = "I am <{name}>, {i} of my spawn" } ]
"#,
    ),
];

/// What `threadline run --plain` printed of the program's own: the lines
/// before its table of threads.
fn printed(plain: &str) -> Vec<String> {
    let lines: Vec<&str> = plain.lines().collect();
    let table = lines
        .iter()
        .rposition(|l| l.starts_with("thread ") && l.contains("outcome"))
        .expect("a table of threads");
    let mut out: Vec<String> = lines[..table.saturating_sub(1)]
        .iter()
        .map(|l| l.to_string())
        .collect();
    out.sort();
    out
}

/// Does Python's output `got` hold the lines `want`, in any order? Its
/// `print` writes a line's text and its newline apart, so two threads'
/// lines may come out as `ab` and two newlines: each line's text is whole.
fn same_lines(want: &[String], got: &str) -> bool {
    let mut rest = got.replace('\n', "\u{0}");
    let mut want = want.to_vec();
    want.sort_by_key(|l| std::cmp::Reverse(l.len()));
    for line in want.iter().filter(|l| !l.is_empty()) {
        match rest.find(line.as_str()) {
            Some(i) => rest.replace_range(i..i + line.len(), ""),
            None => return false,
        }
    }
    rest.chars().all(|c| c == '\u{0}')
}

/// The scenario `toml` run both ways: what differs, if anything.
fn check(what: &str, toml: &str, dir: &std::path::Path, k: usize) -> Option<String> {
    let file = dir.join(format!("case{k}.toml"));
    std::fs::write(&file, toml).unwrap();
    let tl = Command::new(env!("CARGO_BIN_EXE_threadline"))
        .args(["--lang", "en", "run"])
        .arg(&file)
        .args(["--plain", "--speed", "100", "--seed", "1"])
        .output()
        .expect("threadline runs");
    assert!(tl.status.success(), "{what}: threadline run: {tl:?}");
    let want = printed(&String::from_utf8_lossy(&tl.stdout));
    let program = match scenario::to_python(toml, "case") {
        Ok(p) => p,
        Err(e) => return Some(format!("{what}: no twin: {e}")),
    };
    let py = dir.join(format!("case{k}.py"));
    std::fs::write(&py, &program).unwrap();
    let ran = Command::new("python3")
        .arg(&py)
        .arg("0.1")
        .env_remove("PYTHONWARNINGS")
        .output()
        .expect("python3 runs");
    let got = String::from_utf8_lossy(&ran.stdout).into_owned();
    if ran.status.success() && same_lines(&want, &got) {
        println!("ok: {what}");
        return None;
    }
    Some(format!(
        "{what}: python3 exited {:?}, printed {got:?}, threadline {want:?}\n{}\n{program}",
        ran.status.code(),
        String::from_utf8_lossy(&ran.stderr)
    ))
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn twins_print_what_their_scenarios_print() {
    let dir = tempfile::tempdir().unwrap();
    let wrong: Vec<String> = CASES
        .iter()
        .enumerate()
        .filter_map(|(k, (what, toml))| check(what, toml, dir.path(), k))
        .collect();
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n\n"));
}
