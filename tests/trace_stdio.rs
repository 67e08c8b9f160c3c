//! A traced program's standard streams and descriptors stay its own: one
//! that closes every descriptor it did not open is still traced and its
//! files hold only what it wrote; a child Python whose output its parent
//! captures gives it to the parent, after what the parent printed first;
//! one that execs has said all it did before.

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
    let (code, out, err) = trace_plain(&["tests/python/captures_child.py"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let printed: Vec<&str> = out.lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(
        printed,
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
    let (code, out, err) = trace_plain(&["tests/python/execs.py"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let printed: Vec<&str> = out.lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(
        printed,
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
