//! What a hostile user can type, feed or record: every case gets a clear
//! error and a non-zero exit, or draws, and never panics, hangs or
//! clobbers a file. (The pipeline behind the parsers under random input is
//! `tests/pipeline_props.rs`; outputs' file rules are unit-tested in
//! `src/export/file.rs`.)

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_threadline"));
    c.args(["--lang", "en"]);
    c
}

fn dir(name: &str) -> PathBuf {
    common::fresh_scratch(&format!("robust-{name}"))
}

fn scenario(d: &Path, name: &str, text: &str) -> String {
    let f = d.join(name);
    std::fs::write(&f, text).unwrap();
    f.to_string_lossy().into_owned()
}

/// Run with a deadline: a hang is a failure, not a stuck suite.
/// `threadline run <file> --plain`, given `secs` seconds.
fn run_plain(file: &str, secs: u64) -> Output {
    run_args(&["run", file, "--plain"], secs)
}

/// `threadline ARGS`, given `secs` seconds.
fn run_args(args: &[&str], secs: u64) -> Output {
    let mut c = bin();
    c.args(args);
    run_within(c, secs)
}

/// The scenario `text`, written as `name` in `d`, run as [`run_plain`] does.
fn run_scenario(d: &Path, name: &str, text: &str, secs: u64) -> Output {
    run_plain(&scenario(d, name, text), secs)
}

fn run_within(mut c: Command, secs: u64) -> Output {
    let mut child = c
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(secs);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("no answer within {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// A usage or scenario error: exit code 2, and stderr says `says`.
fn assert_refused(out: &Output, says: &str) {
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(out).contains(says), "{}", stderr(out));
}

/// The scenario `text`, as `NAME.toml` in a fresh folder, refused as
/// [`assert_refused`] says (within 10 s): its stderr.
fn refused_scenario(name: &str, text: &str, says: &str) -> String {
    let out = run_scenario(&dir(name), &format!("{name}.toml"), text, 10);
    assert_refused(&out, says);
    stderr(&out)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn any_name_and_text_draws_escaped_in_plain_mode() {
    let d = dir("names");
    let f = scenario(
        &d,
        "weird.toml",
        r#"
main = [ { spawn = "W", count = 2, name = "aaaaaaaaaaaaaaaaaaa❤️ 👩‍👩‍👧 e\u0301 \u0007\u001b]0;x\u0007 {i}" } ]
[classes.W]
run = [ { print = "hi \u001b[31mred" }, { sleep = 0.01 } ]
"#,
    );
    let out = run_args(&["run", &f, "--plain", "--speed", "100"], 20);
    assert!(out.status.success(), "{}", stderr(&out));
    let s = String::from_utf8(out.stdout).unwrap();
    let (printed, summary) = s.split_once("\n\n").unwrap();
    // The program's own output is what it printed…
    assert!(printed.contains("hi \u{1b}[31mred"));
    // …and what threadline says about it carries no control character.
    assert!(
        !summary.contains(|c: char| c.is_control() && c != '\n'),
        "{summary:?}"
    );
    assert!(summary.contains("␇␛]0;x␇ 0"), "{summary}");
}

#[test]
fn a_nul_in_a_thread_name_is_a_scenario_error() {
    refused_scenario(
        "nul",
        "main = [ { spawn = \"W\", name = \"a\\u0000b\" } ]\n[classes.W]\nrun = [ { sleep = 0.1 } ]\n",
        "nul.toml:1:32: a thread name may not contain a NUL",
    );
}

#[test]
fn endless_and_binary_inputs_are_refused_quickly() {
    for (args, says) in [
        (
            vec!["run", "/dev/zero"],
            "/dev/zero: larger than 1 MiB: not a scenario file",
        ),
        (
            vec!["run", "/dev/urandom"],
            "/dev/urandom: larger than 1 MiB",
        ),
        (
            vec!["replay", "/dev/zero"],
            "/dev/zero:1: a line longer than",
        ),
    ] {
        let out = run_args(&[&args[..], &["--plain"]].concat(), 10);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    let d = dir("binary");
    let f = d.join("bin.toml");
    std::fs::write(&f, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let out = run_plain(f.to_str().unwrap(), 10);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not UTF-8 text"));
}

#[test]
fn blow_ups_are_refused_before_anything_runs() {
    let d = dir("blowup");
    // 9,999 threads, each printing a 100-fold `{name}` 50 times: about
    // 5 GB of text once names are put in.
    let print = format!("{{ print = \"{}\" }}", "{name}".repeat(100));
    let steps = vec![print; 50].join(", ");
    let text = format!(
        "main = [ {{ spawn = \"W\", count = 9999, name = \"{{i}}{}\" }} ]\n[classes.W]\nrun = [ {steps} ]\n",
        "x".repeat(1000)
    );
    let out = run_scenario(&d, "blow.toml", &text, 20);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(e.contains("blow.toml:3:"), "{e}");
    assert!(e.contains("more than 16 MiB of text"), "{e}");
    // Steps alone: 9,999 threads of 200 steps.
    let steps = vec!["{ sleep = 0 }"; 200].join(", ");
    let text =
        format!("main = [ {{ spawn = \"W\", count = 9999 }} ]\n[classes.W]\nrun = [ {steps} ]\n");
    let out = run_scenario(&d, "steps.toml", &text, 20);
    assert_refused(&out, "more than 1000000 steps");
}

#[test]
fn limits_mean_what_they_say() {
    let d = dir("limits");
    let cases = [
        (
            "main = [ { spawn = \"W\", count = 100000 } ]\n[classes.W]\nrun = [ { sleep = 0.1 } ]\n",
            "count.toml:1:33: count must be from 0 to 99999",
        ),
        ("main = [ { sleep = 1e308 } ]\n", "1e308 s is too long"),
        ("main = [ { sleep = -1e-300 } ]\n", "not -1e-300"),
    ];
    for (i, (text, says)) in cases.iter().enumerate() {
        let name = if i == 0 {
            "count.toml".to_string()
        } else {
            format!("l{i}.toml")
        };
        let out = run_scenario(&d, &name, text, 10);
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(stderr(&out).contains(says), "{text}: {}", stderr(&out));
    }
    // Keys too deep for the parser to follow: still a line and a column.
    let deep = format!("main = []\n{} = 1\n", vec!["a"; 300].join("."));
    let out = run_scenario(&d, "deep.toml", &deep, 10);
    assert_refused(&out, "deep.toml:2:1: ");
    // --workers counts main as one of the threads.
    let out = run_args(&["run", "basic", "--workers", "100000", "--plain"], 10);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("0..=99999"));
}

#[test]
fn the_worker_role_checks_every_id_it_is_given() {
    // What the parent sends (see runtime/wire.rs): what to run, then the clock.
    let clock = r#"{"clock":{"now":0,"speed":1.0,"paused":true,"limit":null}}"#;
    let start = |steps: &str, counters: &str, locks: &str, name: &str| {
        format!(
            r#"{{"start":{{"name":"{name}","steps":{steps},"counters":{counters},"locks":{locks},"gil":true,"python":"3.13","cores":1,"seed":1}}}}"#
        )
    };
    let cases = [
        (
            start(r#"[{"join":5}]"#, "[]", "[]", "w"),
            "a child process runs one thread",
        ),
        (
            start(r#"[{"create":3}]"#, "[]", "[]", "w"),
            "a child process runs one thread",
        ),
        (
            start(r#"[{"start":9}]"#, "[]", "[]", "w"),
            "a child process runs one thread",
        ),
        (
            start(
                r#"[{"increment":{"counter":99,"times":1,"lock":null}}]"#,
                "[]",
                "[]",
                "w",
            ),
            "no counter 99",
        ),
        (start(r#"[{"report":4}]"#, "[]", "[]", "w"), "no counter 4"),
        (start(r#"[{"acquire":7}]"#, "[]", "[]", "w"), "no lock 7"),
        (start(r#"[{"release":0}]"#, "[]", "[]", "w"), "no lock 0"),
        (start("[]", "[]", "[]", "a\\u0000b"), "a name with a NUL"),
    ];
    for (first, says) in cases {
        let mut child = Command::new(env!("CARGO_BIN_EXE_threadline"))
            .args(["--lang", "en", "__worker"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, "{first}\n{clock}").unwrap();
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{first}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{first}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"));
    }
}

#[test]
#[cfg_attr(
    not(thread_limit),
    ignore = "needs root, setpriv and prlimit to limit a user's threads"
)]
fn a_thread_the_os_will_not_start_raises_in_its_starter_as_python_does() {
    let d = dir("ulimit");
    // `nobody` may have 60 threads: 3,000 do not start.
    let f = scenario(
        &d,
        "many.toml",
        "main = [ { print = \"m\" }, { spawn = \"W\", count = 3000 }, { print = \"after\" } ]\n[classes.W]\nrun = [ { sleep = 1 } ]\n",
    );
    let mut c = common::threadline_as_nobody(60);
    c.args(["run", &f, "--plain", "--speed", "100"])
        .current_dir("/");
    let out = run_within(c, 60);
    let s = String::from_utf8_lossy(&out.stdout);
    let e = stderr(&out);
    assert!(!e.contains("panicked"), "{e}");
    // Main raised at a start() (the spawn on line 1 of the file): it never
    // printed `after`, and its traceback is on stderr; the threads it
    // started ran to their end; exit code 1.
    assert!(e.contains("RuntimeError: can't start new thread"), "{e}");
    assert!(!s.contains("\nafter\n"), "{s}");
    assert!(
        s.contains("main ")
            && s.contains("failed (RuntimeError: can't start new thread (many.toml:1))"),
        "{s}"
    );
    assert!(
        s.contains("finished"),
        "the threads that started ran on: {s}"
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "as python exits after an uncaught exception"
    );
}

#[test]
fn outputs_named_twice_or_onto_devices_are_refused_before_the_run() {
    let d = dir("outputs");
    let b = d.join("b.out");
    let dotted = d.join(".").join("b.out");
    let (b, dotted) = (b.to_str().unwrap(), dotted.to_str().unwrap());
    let out = run_args(
        &[
            "run", "basic", "--plain", "--speed", "100", "--record", b, "--svg", dotted,
        ],
        10,
    );
    assert_refused(&out, "the same file as");
    assert!(out.stdout.is_empty(), "refused before running");
    let out = run_args(
        &[
            "run",
            "basic",
            "--plain",
            "--record",
            "/dev/null",
            "--force",
        ],
        10,
    );
    assert_refused(&out, "is not a regular file");
    let dangling = d.join("dangling");
    std::os::unix::fs::symlink(d.join("nowhere"), &dangling).unwrap();
    let svg = dangling.to_str().unwrap();
    let out = run_args(&["run", "basic", "--plain", "--svg", svg], 10);
    assert_refused(&out, "already exists");
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn errors_quote_names_without_their_escape_sequences() {
    let e = refused_scenario(
        "dup",
        "main = [ { spawn = \"W\", name = \"\\u001b]52;c;aGk=\\u0007x\" }, { spawn = \"W\", name = \"\\u001b]52;c;aGk=\\u0007x\" } ]\n[classes.W]\nrun = [ { sleep = 0.1 } ]\n",
        "a second thread named `␛]52;c;aGk=␇x`",
    );
    assert!(!e.trim_end().contains(|c: char| c.is_control() && c != '\n'));
}

#[test]
fn a_recording_at_the_time_bound_is_refused_beyond_it() {
    let d = dir("times");
    let rec = d.join("r.jsonl");
    let record = rec.to_str().unwrap();
    let out = run_args(
        &[
            "run", "basic", "--plain", "--speed", "100", "--seed", "1", "--record", record,
        ],
        20,
    );
    assert!(out.status.success());
    let text = std::fs::read_to_string(&rec).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let n = lines.len();
    lines.push(format!(
        r#"{{"run":1,"at":{},"thread":0,"kind":"main_code_end"}}"#,
        u64::MAX - 5
    ));
    let bad = d.join("bad.jsonl");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let out = run_args(&["replay", bad.to_str().unwrap(), "--plain"], 10);
    assert_refused(&out, &format!("bad.jsonl:{}:", n + 1));
}

#[test]
fn step_after_the_last_event_stays_at_the_end() {
    use threadline::ui::App;
    use threadline::ui::keymap::Action;
    use threadline::ui::theme::Theme;
    let settings = common::fast("join", 1);
    let mut app = App::new(settings, Theme::new(false)).unwrap();
    app.finish();
    let end = app.now();
    for _ in 0..3 {
        app.act(Action::Step);
        app.drain();
        assert_eq!(app.now(), end, "a scenario's clock stays at its end");
    }
    // A replay of it, played to its end, the same.
    let d = dir("step");
    let rec = d.join("r.jsonl");
    common::record("join", "200", "1", &rec);
    let text = std::fs::read(&rec).unwrap();
    let recording = threadline::export::record::parse("r.jsonl", text.as_slice()).unwrap();
    let last = recording.events.last().unwrap().at;
    let mut app = App::for_replay(recording, 200.0, Theme::new(false));
    app.finish();
    for _ in 0..3 {
        app.act(Action::Step);
        app.drain();
        assert!(
            app.now() <= last,
            "{} past the last event at {last}",
            app.now()
        );
    }
}

/// Start `args` with stdout a pipe, read its first line, close the pipe
/// (`… | head -1`), and wait (with a deadline) for threadline to end.
fn first_line_then_close(args: &[&str]) -> (String, Option<i32>) {
    use std::io::BufRead;
    let mut child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("threadline starts");
    let mut first = String::new();
    let stdout = child.stdout.take().expect("a pipe");
    std::io::BufReader::new(stdout)
        .read_line(&mut first)
        .expect("a line");
    // The reader is gone now: threadline's next write meets a closed pipe.
    let deadline = Instant::now() + Duration::from_secs(30);
    let code = loop {
        if let Some(s) = child.try_wait().expect("waits") {
            break s.code();
        }
        if Instant::now() > deadline {
            // SIGTERM: threadline ends the traced program's group itself.
            let pid = i32::try_from(child.id()).expect("a pid");
            // SAFETY: a signal to our own child, which has not been reaped.
            unsafe { libc::kill(pid, libc::SIGTERM) };
            std::thread::sleep(Duration::from_secs(1));
            let _ = child.kill();
            let _ = child.wait();
            panic!("threadline hangs after its reader left");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (first, code)
}

#[test]
fn a_reader_that_leaves_early_keeps_the_recording_of_what_ran() {
    let d = dir("closed-pipe");
    let rec = d.join("basic.jsonl");
    let rec_s = rec.to_string_lossy().into_owned();
    let (first, code) = first_line_then_close(&[
        "run", "basic", "--plain", "--speed", "20", "--record", &rec_s,
    ]);
    assert_eq!(first.trim_end(), "main thread start");
    assert_eq!(code, Some(0), "a closed reader is no failure");
    // What ran until then is saved, and plays back.
    let replay = run_args(&["replay", &rec_s, "--plain"], 10);
    assert!(replay.status.success(), "{}", stderr(&replay));
    let text = String::from_utf8_lossy(&replay.stdout);
    assert!(text.starts_with("main thread start"), "{text}");
    // The scenario's note about a whole run is said only of a run that
    // got to its exit (where the pipe closed depends on the machine).
    assert_eq!(
        text.contains("note:"),
        !text.contains("the process had not exited"),
        "{text}"
    );
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_traced_program_printing_forever_ends_with_its_reader() {
    let d = dir("closed-pipe-trace");
    let prog = d.join("forever.py");
    std::fs::write(&prog, "while True:\n    print('x')\n").unwrap();
    let rec = d.join("forever.jsonl");
    let rec_s = rec.to_string_lossy().into_owned();
    let prog_s = prog.to_string_lossy().into_owned();
    let (first, code) = first_line_then_close(&[
        "trace", "--plain", "--record", &rec_s, "--", "python3", &prog_s,
    ]);
    assert_eq!(first.trim_end(), "x");
    assert_eq!(code, Some(0));
    let text = std::fs::read_to_string(&rec).expect("the recording is kept");
    assert!(text.lines().count() > 2, "{text}");
}
