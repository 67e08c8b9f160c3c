//! Helpers shared by the integration tests.

// Each test file takes what it needs.
#![allow(dead_code)]

pub mod pipeline;
pub mod today;

/// `mod $module` of one test per CPython 3.8–3.13 (`$module::cpython_3_N`),
/// each calling `$check` with that interpreter's path when build.rs found
/// it (`cfg(cpython_3_N)`, the path in `THREADLINE_CPYTHON_3_N`); the
/// others are ignored, saying which version they need.
#[allow(unused_macros)] // only the files that test on every CPython use it
macro_rules! on_every_cpython {
    ($module:ident, $check:ident) => {
        mod $module {
            on_every_cpython!(@each $check;
                cpython_3_8, "3.8", "THREADLINE_CPYTHON_3_8";
                cpython_3_9, "3.9", "THREADLINE_CPYTHON_3_9";
                cpython_3_10, "3.10", "THREADLINE_CPYTHON_3_10";
                cpython_3_11, "3.11", "THREADLINE_CPYTHON_3_11";
                cpython_3_12, "3.12", "THREADLINE_CPYTHON_3_12";
                cpython_3_13, "3.13", "THREADLINE_CPYTHON_3_13";
            );
        }
    };
    (@each $check:ident; $($flag:ident, $version:literal, $var:literal;)*) => {$(
        #[test]
        #[cfg_attr(not($flag), ignore = concat!("needs CPython ", $version))]
        fn $flag() {
            // Set by build.rs whenever cfg(cpython_3_N) is.
            match option_env!($var) {
                Some(python) => super::$check(python),
                None => panic!("build.rs found CPython {} but gave no path", $version),
            }
        }
    )*};
}

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crossbeam_channel::unbounded;
use threadline::event::Event;
use threadline::model::Timeline;
use threadline::runtime::{Run, RunOptions};
use threadline::scenario::Program;

/// Run `p` to its end at high speed (on 8 cores, whatever the machine
/// has): its events in arrival order, and the model.
pub fn run(p: Program, seed: u64) -> (Vec<Event>, Timeline) {
    run_on(p, seed, 8)
}

/// The same on `cores` CPU cores.
pub fn run_on(p: Program, seed: u64, cores: usize) -> (Vec<Event>, Timeline) {
    let (tx, rx) = unbounded();
    let run = Run::start(
        Arc::new(p),
        RunOptions {
            cores,
            ..options(200.0, seed, false)
        },
        tx,
    )
    .expect("the main thread starts");
    run.wait();
    let events: Vec<Event> = rx.try_iter().flatten().collect();
    let tl = Timeline::from_events(&events);
    assert!(tl.is_complete(), "the run ended");
    (events, tl)
}

/// Run options for tests, on 8 cores whatever the machine has, so that runs
/// without the GIL are the same everywhere.
pub fn options(speed: f64, seed: u64, paused: bool) -> RunOptions {
    RunOptions {
        speed,
        seed,
        paused,
        cores: 8,
    }
}

/// The built-in `name` run to its end as plain mode runs it, what it
/// prints dropped and its events kept; and the program's words.
pub fn plain_builtin(
    name: &str,
    opts: RunOptions,
    lang: threadline::i18n::Lang,
) -> (threadline::plain::Finished, threadline::scenario::Words) {
    let p = threadline::scenario::builtin(name, Default::default())
        .unwrap()
        .unwrap();
    let words = p.words.clone();
    let done = threadline::plain::run(Arc::new(p), opts, true, lang, &mut std::io::sink());
    (done.unwrap(), words)
}

/// Where this test process keeps its scratch folders: `scratch/PID` in
/// cargo's temporary folder for integration tests (inside `target/`, so
/// nothing is left in the system's temp dir). The folders of earlier test
/// processes that are gone are removed the first time.
fn scratch_root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch");
        if let Ok(entries) = std::fs::read_dir(&base) {
            for e in entries.flatten() {
                let pid = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok());
                if pid.is_some_and(|p| !Path::new(&format!("/proc/{p}")).exists()) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let root = base.join(std::process::id().to_string());
        std::fs::create_dir_all(&root).unwrap();
        root
    })
}

/// A scratch folder of this test process named `tag` (made if missing;
/// what is in it stays).
pub fn scratch(tag: &str) -> PathBuf {
    let dir = scratch_root().join(format!("threadline-{tag}"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The same, emptied first.
pub fn fresh_scratch(tag: &str) -> PathBuf {
    let _ = std::fs::remove_dir_all(scratch(tag));
    scratch(tag)
}

/// `text` written as `name` in [`scratch`]`(tag)`; its path.
pub fn scratch_file(tag: &str, name: &str, text: &str) -> PathBuf {
    let file = scratch(tag).join(name);
    std::fs::write(&file, text).unwrap();
    file
}

/// Assert that `text` holds each of `parts`: a failure names the part
/// missing and shows all of `text`.
#[track_caller]
pub fn assert_contains(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "no {part:?} in:\n{text}");
    }
}

/// Run `command` to its end: its stdout, asserted to have succeeded
/// (else its stderr is the failure).
pub fn stdout_of(command: &mut std::process::Command) -> String {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `threadline --lang en` as the user `nobody` (no groups), who may have
/// `nproc` threads at once: to see what a thread the OS will not start
/// does. Needs root, setpriv and prlimit.
pub fn threadline_as_nobody(nproc: u32) -> std::process::Command {
    let mut c = std::process::Command::new("setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg("prlimit")
        .arg(format!("--nproc={nproc}"))
        .args([env!("CARGO_BIN_EXE_threadline"), "--lang", "en"]);
    c
}

/// What the dashboard traces for `python3 SCRIPT ARGS` (`script` a path in
/// this crate, or an absolute one): the program's output captured, as the
/// dashboard does.
pub fn dashboard_trace(script: impl AsRef<Path>, args: &[&str]) -> threadline::trace::TraceOptions {
    let mut command = vec![
        "python3".into(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join(script).into(),
    ];
    command.extend(args.iter().map(std::ffi::OsString::from));
    let mut opts = threadline::trace::TraceOptions::new(command);
    opts.capture = true;
    opts
}

/// A buffer's symbols, line by line (styles aside).
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    let a = buf.area;
    (a.top()..a.bottom())
        .map(|y| {
            (a.left()..a.right())
                .map(|x| buf[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// A run's events in a canonical order: by time, then thread, keeping each
/// thread's own order (arrival order between threads is the machine's).
pub fn canonical(mut events: Vec<Event>) -> Vec<String> {
    events.sort_by_key(|e| (e.at, e.thread));
    events
        .iter()
        .map(|e| format!("{} {} {:?}", e.at, e.thread, e.kind))
        .collect()
}

/// A dashboard run of `scenario`: fast (speed 200), `seed`, on 2 cores.
pub fn fast(scenario: impl Into<String>, seed: u64) -> threadline::setup::RunSettings {
    threadline::setup::RunSettings {
        scenario: scenario.into(),
        speed: 200.0,
        seed: Some(seed),
        cores: Some(2),
        ..Default::default()
    }
}

/// The dashboard's `App` on `scenario` (fast, `seed`, 2 cores), run to its
/// end and speaking `lang`.
pub fn finished_app(
    scenario: String,
    seed: u64,
    lang: threadline::i18n::Lang,
) -> threadline::ui::App {
    let mut app = threadline::ui::App::new(
        fast(scenario, seed),
        threadline::ui::theme::Theme::new(false),
    )
    .expect("the scenario loads")
    .speaking(lang);
    app.finish();
    app
}

/// `threadline run SCENARIO --plain --speed SPEED --seed SEED --record REC
/// --force` (in English), asserted to succeed.
pub fn record(scenario: &str, speed: &str, seed: &str, rec: &std::path::Path) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_threadline"))
        .args(["--lang", "en", "run", scenario, "--plain", "--speed", speed])
        .args(["--seed", seed, "--record"])
        .arg(rec)
        .arg("--force")
        .output()
        .unwrap();
    assert!(out.status.success());
}

/// What a plain run's program printed: the lines before the summary's
/// blank line.
pub fn printed(s: &str) -> String {
    s.lines()
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
