//! A traced program's standard streams and descriptors stay its own: one
//! that closes every descriptor it did not open is still traced and its
//! files hold only what it wrote; a child Python whose output its parent
//! captures gives it to the parent, after what the parent printed first;
//! one that execs has said all it did before; what it prints and what it
//! writes to fd 1 itself come out in the order it wrote them.

use std::process::Command;

#[cfg(python)]
fn trace_plain(args: &[&str]) -> (Option<i32>, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_threadline"))
        .args(["--lang", "en", "trace", "--plain", "--", "python3"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (o.status.code(), text(&o.stdout), text(&o.stderr))
}

/// Trace `python3 <prog>` in plain mode; it exits 0: its stdout, and the
/// lines the program printed (those before the summary).
#[cfg(python)]
fn printed(prog: &str) -> (String, Vec<String>) {
    let (code, out, err) = trace_plain(&[prog]);
    assert_eq!(code, Some(0), "{out}{err}");
    let lines = out
        .lines()
        .take_while(|l| !l.is_empty())
        .map(String::from)
        .collect();
    (out, lines)
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_program_that_closes_every_descriptor_it_did_not_open_is_still_traced() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("own.log");
    let (code, out, err) = trace_plain(&["tests/python/close_fds.py", log.to_str().unwrap()]);
    assert_eq!(code, Some(4), "{out}{err}");
    // Its log got fd 3, as untraced: the channel is out of the way.
    for line in ["before the close", "log fd 3", "worker after the close"] {
        assert!(out.lines().any(|l| l == line), "{line:?} in {out}");
    }
    assert!(
        out.lines()
            .any(|l| l.starts_with("after ") && l.ends_with("finished")),
        "{out}"
    );
    assert!(out.contains("exited with code 4"), "{out}");
    let written = std::fs::read_to_string(&log).unwrap();
    assert_eq!(written, "the program's own line\n");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_child_python_whose_output_its_parent_captures_gives_it_to_the_parent() {
    let (out, lines) = printed("tests/python/captures_child.py");
    assert_eq!(
        lines,
        [
            r"captured 'child out\n' 'child err\n'",
            r"check_output b'42\n'",
            "child to the terminal",
        ],
        "{out}"
    );
    // The children are rows of their own all the same.
    assert_eq!(out.matches("process (").count(), 3, "{out}");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn what_a_program_did_before_it_execs_is_all_said() {
    let (out, lines) = printed("tests/python/execs.py");
    assert_eq!(
        lines,
        [
            "before the exec",
            "worker before the exec",
            "after the exec"
        ],
        "{out}"
    );
    let row = |name: &str| {
        out.lines()
            .skip_while(|l| !l.starts_with("thread "))
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} in {out}"))
            .to_owned()
    };
    assert!(row("worker").ends_with("finished"), "{out}");
    assert!(row("main").ends_with("exited"), "{out}");
}

/// The lines of `tests/python/raw_order.py`, in the order it writes them.
#[cfg(python)]
const RAW_ORDER: [&str; 6] = [
    "print one",
    "os.write line",
    "from a shell child",
    "print two",
    "os.write two",
    "at the end",
];

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn in_plain_mode_prints_and_raw_writes_keep_their_order_as_untraced() {
    let untraced = Command::new("python3")
        .args(["tests/python/raw_order.py", "--flush"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let untraced = String::from_utf8_lossy(&untraced.stdout).into_owned();
    assert_eq!(untraced.lines().collect::<Vec<_>>(), RAW_ORDER);
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("run.jsonl");
    let rec = rec.to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_threadline"))
        .args(["--lang", "en", "trace", "--plain", "--record", rec, "--"])
        .args(["python3", "tests/python/raw_order.py", "--flush"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with(&untraced), "{out}");
    // Each printed line is written once, and still recorded as main's.
    assert_eq!(out.matches("print one").count(), 1, "{out}");
    let recorded = std::fs::read_to_string(rec).unwrap();
    for line in ["print one", "print two", "at the end"] {
        assert!(
            recorded.contains(&format!(r#""kind":"output","text":"{line}""#)),
            "{line} in {recorded}"
        );
    }
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn in_the_dashboard_prints_and_raw_writes_keep_their_order() {
    use threadline::i18n::Lang;
    use threadline::trace::{self, TraceOptions};
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/raw_order.py");
    let mut opts = TraceOptions::new(vec!["python3".into(), file.into_os_string()]);
    opts.capture = true; // as the dashboard has it: raw output on a pipe
    let t = trace::start(opts).expect("python3 starts");
    let mut out = Vec::new();
    let done = trace::plain::follow(t, false, Lang::En, &mut out).expect("follow");
    assert_eq!(done.code, 0);
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(lines, RAW_ORDER, "{out:?}");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn in_plain_mode_a_last_line_left_unfinished_is_ended_before_the_summary() {
    let (code, out, err) = trace_plain(&["tests/python/unfinished.py"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.starts_with("a whole line\nno newline at the end\n\nthread "),
        "{out:?}"
    );
}
