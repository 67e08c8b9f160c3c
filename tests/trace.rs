//! Tracing real Python programs. Short sleeps (argv) keep these quick; the
//! assertions are about order and outcome, never about durations.

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use threadline::event::{Event, EventKind, MAIN, Outcome, State, ThreadId};
use threadline::i18n::Lang;
use threadline::model::Timeline;
use threadline::plain::Finished;
use threadline::trace::{self, TraceOptions};

/// `rel` in this crate (an absolute path stays as it is).
fn file(rel: impl AsRef<Path>) -> OsString {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(rel)
        .into_os_string()
}

/// Start tracing `python3 <rel> <args>` through the library.
fn start(rel: impl AsRef<Path>, args: &[&str]) -> trace::Traced {
    let mut command = vec![OsString::from("python3"), file(rel)];
    command.extend(args.iter().map(OsString::from));
    trace::start(TraceOptions::new(command)).expect("python3 starts")
}

/// Trace `python3 <rel> <args>` to its end through the library.
fn traced(rel: impl AsRef<Path>, args: &[&str]) -> (Finished, String) {
    let t = start(rel, args);
    let mut out = Vec::new();
    let done = trace::plain::follow(t, true, Lang::En, &mut out).expect("follow");
    (done, String::from_utf8(out).unwrap())
}

/// [`traced`] of the seed's program `name` in today's spelling.
fn traced_today(name: &str, args: &[&str]) -> (Finished, String) {
    traced(common::today::program(name).path(), args)
}

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_threadline"))
        .args(["--lang", "en"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

/// `threadline trace --plain -- <command>`: its exit code, stdout and stderr.
fn trace_plain(command: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec!["trace", "--plain", "--"];
    args.extend(command);
    let o = cli(&args);
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (o.status.code(), text(&o.stdout), text(&o.stderr))
}

fn outcome_of(t: &Timeline, name: &str) -> Option<Outcome> {
    let track = t.tracks().iter().find(|t| t.name == name)?;
    track.outcome()
}

fn id_of(t: &Timeline, name: &str) -> ThreadId {
    t.tracks().iter().find(|t| t.name == name).unwrap().id
}

fn position(events: &[Event], f: impl Fn(&Event) -> bool) -> usize {
    events.iter().position(f).expect("event present")
}

fn lines(out: &str) -> Vec<&str> {
    out.lines().collect()
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn daemon_threads_are_cut_short_and_never_print_their_end() {
    let (done, out) = traced_today("daemon.py", &["0.5"]);
    let t = &done.timeline;
    assert_eq!(t.ended_with(Outcome::CutShort).count(), 5, "{out}");
    assert!(!out.contains("sub thread end"), "{out}");
    assert!(out.contains("main thread end"));
    assert_eq!(t.process_exit.map(|(_, c)| c), Some(0));
    assert_eq!(done.code, 0);
    let exit = t.process_exit.unwrap().0;
    for track in t.tracks().iter().filter(|t| t.daemon()) {
        assert_eq!(track.end().map(|(at, _)| at), Some(exit));
    }
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn basic_main_waits_at_exit_for_its_workers() {
    let (done, out) = traced_today("basic.py", &["0.2"]);
    let t = &done.timeline;
    assert_eq!(t.ended_with(Outcome::Finished).count(), 6, "{out}");
    let ls = lines(&out);
    let main_end = ls.iter().position(|l| *l == "main thread end").unwrap();
    let ends: Vec<usize> = (0..ls.len())
        .filter(|&i| ls[i].starts_with("sub thread end"))
        .collect();
    assert_eq!(ends.len(), 5);
    assert!(ends.iter().all(|&i| i > main_end));
    // main: code end, then waiting at exit until the last worker ended.
    let ev = &done.events;
    let code_end = position(ev, |e| e.kind == EventKind::MainCodeEnd);
    let waiting = position(ev, |e| {
        e.thread == MAIN && e.kind == EventKind::state(State::WaitingAtExit)
    });
    assert!(code_end <= waiting);
    let last_worker_end = ev
        .iter()
        .rposition(|e| e.thread != MAIN && matches!(e.kind, EventKind::Ended { .. }))
        .unwrap();
    assert!(waiting < last_worker_end);
    let main = t.track(MAIN).unwrap();
    assert_eq!(main.outcome(), Some(Outcome::Finished));
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn join_keeps_main_joining_until_each_worker_ends() {
    let (done, out) = traced_today("join.py", &["0.2"]);
    let t = &done.timeline;
    let ls = lines(&out);
    let post = ls
        .iter()
        .position(|l| *l == "main thread post job")
        .unwrap();
    assert_eq!(
        ls.iter()
            .take(post)
            .filter(|l| l.starts_with("sub thread end"))
            .count(),
        2,
        "{out}"
    );
    let ev = &done.events;
    let post_job = position(ev, |e| {
        e.thread == MAIN
            && matches!(&e.kind, EventKind::Output { text, .. } if text == "main thread post job")
    });
    let mut joined = 0;
    for name in ["1", "2"] {
        let id = id_of(t, name);
        let ended = position(ev, |e| {
            e.thread == id && matches!(e.kind, EventKind::Ended { .. })
        });
        assert!(ended < post_job, "main went on before {name} ended");
        assert_eq!(outcome_of(t, name), Some(Outcome::Finished));
        // A join of a thread that already ended does not wait, and is not
        // reported as a wait (t2.join() right after t1's, same sleeps).
        let Some(joining) = ev.iter().position(|e| {
            e.thread == MAIN
                && matches!(&e.kind, EventKind::State { state: State::Joining, detail }
                    if detail.holder == Some(id))
        }) else {
            continue;
        };
        joined += 1;
        let back = joining
            + position(&ev[joining..], |e| {
                e.thread == MAIN
                    && matches!(
                        e.kind,
                        EventKind::State {
                            state: State::Running,
                            ..
                        }
                    )
            });
        assert!(ended < back, "main left join({name}) before it ended");
    }
    assert!(joined >= 1, "main was never seen joining");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_thread_that_raises_fails_and_its_traceback_is_shown() {
    let (done, out) = traced("tests/python/fails_in_thread.py", &[]);
    let t = &done.timeline;
    assert_eq!(outcome_of(t, "boomer"), Some(Outcome::Failed), "{out}");
    assert!(out.contains("ValueError: boom in a thread"), "{out}");
    assert!(!out.contains("sitecustomize"), "tracer frames leak: {out}");
    let boomer = id_of(t, "boomer");
    assert!(
        t.output
            .iter()
            .any(|l| l.thread == boomer && l.text.starts_with("Traceback"))
    );
    assert!(out.contains("main goes on"));
    assert_eq!(done.code, 0);
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_failing_script_shows_its_traceback_and_exit_code() {
    let (code, out, err) = trace_plain(&["python3", "tests/python/fails_in_main.py"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(err.contains("RuntimeError: main fails"), "{err}");
    assert!(!err.contains("sitecustomize"), "{err}");
    assert!(out.contains("worker ran"), "{out}");
    assert!(out.contains("exit code 1"), "{out}");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn in_plain_mode_a_threads_traceback_goes_to_stderr() {
    let (code, out, err) = trace_plain(&["python3", "tests/python/fails_in_thread.py"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("Exception in thread boomer"), "{err}");
    assert!(err.contains("ValueError: boom in a thread"), "{err}");
    assert!(out.contains("main goes on"), "{out}");
    let row = |l: &str| l.starts_with("boomer") && l.contains(" failed");
    assert!(out.lines().any(row), "{out}");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn pool_timer_and_raw_threads_show_up() {
    let (done, out) = traced("tests/python/pool.py", &[]);
    let t = &done.timeline;
    let names: Vec<&str> = t.tracks().iter().map(|t| t.name.as_str()).collect();
    assert!(names.iter().any(|n| n.starts_with("pool")), "{names:?}");
    assert!(names.contains(&"timer"), "{names:?}");
    assert!(names.contains(&"_thread raw"), "{names:?}");
    assert!(out.contains("timer fired") && out.contains("raw thread ran"));
    // Every thread that ran finished: the pool's workers were joined at exit,
    // while main waited at exit (joining them, never running).
    assert_eq!(t.ended_with(Outcome::CutShort).count(), 0, "{out}");
    let ev = &done.events;
    let code_end = position(ev, |e| e.kind == EventKind::MainCodeEnd);
    let last_worker_end = ev
        .iter()
        .rposition(|e| e.thread != MAIN && matches!(e.kind, EventKind::Ended { .. }))
        .unwrap();
    assert!(code_end < last_worker_end);
    let main_states: Vec<State> = ev[code_end..last_worker_end]
        .iter()
        .filter(|e| e.thread == MAIN)
        .filter_map(|e| match e.kind {
            EventKind::State { state, .. } => Some(state),
            _ => None,
        })
        .collect();
    assert!(
        main_states
            .iter()
            .all(|s| matches!(s, State::WaitingAtExit | State::Joining)),
        "{main_states:?}"
    );
    assert!(main_states.iter().any(|s| matches!(s, State::Joining)));
    assert!(t.is_complete());
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn os_exit_cuts_every_live_thread_short() {
    let (done, out) = traced("tests/python/os_exit.py", &[]);
    let t = &done.timeline;
    assert_eq!(done.code, 3);
    assert_eq!(t.process_exit.map(|(_, c)| c), Some(3));
    for i in 0..3 {
        assert_eq!(
            outcome_of(t, &format!("sleeper {i}")),
            Some(Outcome::CutShort),
            "{out}"
        );
    }
    assert_eq!(outcome_of(t, "main"), Some(Outcome::Failed));
    assert_eq!(t.main_code_end, None);
    said_os_exit(t, &out, "main", "os_exit.py:9");
}

/// The model saw thread `by` call `os._exit` at `site`, and the summary
/// says so.
#[track_caller]
fn said_os_exit(t: &Timeline, out: &str, by: &str, site: &str) {
    let call = t.os_exit.as_ref().expect("the call is seen");
    assert_eq!(
        (call.thread, call.site.as_deref()),
        (id_of(t, by), Some(site))
    );
    let said = format!("{by} called os._exit at {site}: the process ended at once");
    assert!(out.contains(&said), "{out}");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn child_processes_end_with_their_exit_codes_a_signal_too() {
    let (done, out) = traced("tests/python/tracer/mp_fork_spawn.py", &[]);
    let t = &done.timeline;
    assert_eq!(done.code, 0, "{out}");
    // In the order they were started: fork, spawn, forkserver (their
    // servers aside, which the program did not start), one that raises,
    // one terminated (SIGTERM).
    let ends: Vec<_> = t
        .tracks()
        .iter()
        .filter(|k| k.is_process())
        .map(|k| (k.exit_code(), k.outcome()))
        .filter(|&(code, _)| code.is_some())
        .collect();
    let (ok, failed) = (Some(Outcome::Finished), Some(Outcome::Failed));
    assert_eq!(
        ends,
        [
            (Some(0), ok),
            (Some(0), ok),
            (Some(0), ok),
            (Some(1), failed),
            (Some(-15), failed)
        ],
        "{out}"
    );
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn children_that_end_by_themselves_end_then_with_the_code_their_parent_learns() {
    let (done, out) = traced("tests/python/child_ends.py", &[]);
    let t = &done.timeline;
    assert_eq!(done.code, 0, "{out}");
    let rows: Vec<_> = t.tracks().iter().filter(|k| k.is_process()).collect();
    assert_eq!(rows.len(), 3, "{out}");
    // The forked child's row ends as it leaves, not at main's exit.
    let main_end = t.track(MAIN).and_then(|m| m.end()).map(|e| e.0).unwrap();
    let forked_end = rows[0].end().map(|e| e.0).unwrap();
    assert!(
        forked_end < main_end,
        "{forked_end} before {main_end}: {out}"
    );
    // The subprocess children: the codes `subprocess` learnt.
    let codes: Vec<_> = rows[1..]
        .iter()
        .map(|k| (k.exit_code(), k.outcome()))
        .collect();
    assert_eq!(
        codes,
        [
            (Some(0), Some(Outcome::Finished)),
            (Some(3), Some(Outcome::Failed))
        ],
        "{out}"
    );
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn os_exit_in_a_worker_cuts_main_short_and_says_who_called_it() {
    let (done, out) = traced("tests/python/os_exit_thread.py", &[]);
    let t = &done.timeline;
    assert_eq!(done.code, 4);
    said_os_exit(t, &out, "leaver", "os_exit_thread.py:9");
    assert_eq!(outcome_of(t, "main"), Some(Outcome::CutShort), "{out}");
    assert_eq!(outcome_of(t, "leaver"), Some(Outcome::CutShort));
    assert!(!t.ended_by_us());
    assert!(!out.contains("never printed"));
    assert!(!out.contains("threadline ended"), "{out}");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn many_lines_from_many_threads_are_all_kept() {
    let (threads, per) = (16, 400);
    let (done, out) = traced(
        "tests/python/chatty.py",
        &[&threads.to_string(), &per.to_string()],
    );
    let t = &done.timeline;
    for n in 0..threads {
        let id = id_of(t, &format!("talker {n}"));
        let mine: Vec<&str> = t
            .output
            .iter()
            .filter(|l| l.thread == id)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(mine.len(), per);
        for (i, l) in mine.iter().enumerate() {
            assert!(l.starts_with(&format!("t{n} line {i} ")), "{l}");
        }
    }
    let long = format!("long {}", "é".repeat(5000));
    assert!(out.lines().any(|l| l == long));
    assert_eq!(t.dropped, 0);
    assert_eq!(t.ended_with(Outcome::Finished).count(), threads + 1);
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn garbage_on_the_channel_is_counted_and_shown() {
    let (done, out) = traced("tests/python/garbage.py", &[]);
    assert_eq!(done.timeline.dropped, 3, "{out}");
    assert!(out.contains("after the flood"));
    assert!(out.contains("still fine"));
    assert!(out.contains("3 lines from the tracer could not be read and were dropped"));
}

#[test]
fn missing_python_is_a_usage_error() {
    let (code, _, err) = trace_plain(&["/nonexistent/python3", "assets/python/seed/basic.py"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("cannot run the Python interpreter"), "{err}");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn isolated_mode_warns_and_still_runs() {
    let (code, out, err) = trace_plain(&["python3", "-I", "-c", "print('ran anyway')"]);
    assert!(
        err.contains("-I") && err.contains("cannot be traced"),
        "{err}"
    );
    assert!(out.contains("ran anyway"), "{out}");
    assert_eq!(code, Some(0));
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn python_flag_picks_the_interpreter() {
    let join = common::today::program("join.py");
    let o = cli(&[
        "trace",
        "--plain",
        "--python",
        "python3",
        "--",
        "python",
        join.path().to_str().unwrap(),
        "0.05",
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("main thread post job"));
}

/// The events up to the batch in which a thread first goes to sleep (within 10 s).
fn until_sleeping(t: &trace::Traced) -> Vec<Event> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut events = Vec::new();
    loop {
        let batch = t.events.recv_timeout(Duration::from_secs(10)).unwrap();
        let at = events.len();
        events.extend(batch);
        let sleeping = events[at..].iter().any(|ev| {
            matches!(
                ev.kind,
                EventKind::State {
                    state: State::Sleeping,
                    ..
                }
            )
        });
        if sleeping {
            return events;
        }
        assert!(Instant::now() < deadline);
    }
}

fn alive(pid: u32) -> bool {
    // Signal 0 only checks that the process exists (a zombie counts until reaped).
    Command::new("kill")
        .args(["-0", &pid.to_string()])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn pause_resume_and_stop_control_the_program() {
    let mut t = start("tests/python/sleeps.py", &[]);
    // Wait for the program to report that it sleeps.
    until_sleeping(&t);
    t.pause();
    t.resume();
    t.pause();
    assert!(!t.is_over());
    let pid = t.pid();
    let status = t.stop().expect("an exit status");
    assert!(t.is_over());
    assert!(!status.success());
    assert!(!alive(pid));
    let events: Vec<Event> = t.events.try_iter().flatten().collect();
    assert!(
        events
            .iter()
            .any(|e| matches!(e.kind, EventKind::ProcessExit { .. }))
    );
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn dropping_the_handle_kills_the_program() {
    let t = start("tests/python/sleeps.py", &[]);
    let pid = t.pid();
    drop(t);
    assert!(!alive(pid));
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn flushes_do_not_break_lines_and_unfinished_lines_survive() {
    let command = vec![
        OsString::from("python3"),
        file("tests/python/partial_lines.py"),
    ];
    let mut opts = TraceOptions::new(command);
    opts.capture = true;
    let mut out = Vec::new();
    let done = trace::plain::follow(trace::start(opts).unwrap(), true, Lang::En, &mut out).unwrap();
    let t = &done.timeline;
    let texts: Vec<(ThreadId, &str)> = t
        .output
        .iter()
        .map(|l| (l.thread, l.text.as_str()))
        .collect();
    let w = id_of(t, "w");
    for want in [
        (MAIN, "ab"),
        (MAIN, "EF"),
        (MAIN, "raw bytes"),
        (w, "no newline at the end"),
        (MAIN, "unfinished"),
    ] {
        assert!(texts.contains(&want), "{want:?} not in {texts:?}");
    }
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn system_exit_in_a_thread_is_a_quiet_finish() {
    let (done, out) = traced("tests/python/fails_in_thread.py", &[]);
    assert_eq!(
        outcome_of(&done.timeline, "exits quietly"),
        Some(Outcome::Finished),
        "{out}"
    );
}

/// `python3.N` on PATH, or in a pyenv tree.
fn find_python(minor: u32) -> Option<OsString> {
    let runs = |p: &OsString| {
        Command::new(p)
            .args(["-c", "pass"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let name = format!("python3.{minor}");
    let mut candidates = vec![OsString::from(&name)];
    let root = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv")));
    if let Some(Ok(dir)) = root.map(|r| std::fs::read_dir(r.join("versions"))) {
        let mut found: Vec<PathBuf> = dir
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&format!("3.{minor}.")))
            })
            .map(|p| p.join("bin").join(&name))
            .collect();
        found.sort();
        candidates.extend(found.into_iter().map(PathBuf::into_os_string));
    }
    candidates.into_iter().find(runs)
}

#[test]
fn daemon_and_join_on_every_python_found() {
    for minor in 8..=13 {
        let Some(python) = find_python(minor) else {
            eprintln!("skipped python3.{minor}: not installed");
            continue;
        };
        for (prog, cut) in [("daemon", 5), ("join", 0)] {
            let program = common::today::program(&format!("{prog}.py"));
            let command = vec![
                OsString::from("python3"),
                file(program.path()),
                OsString::from("0.1"),
            ];
            let mut opts = TraceOptions::new(command);
            opts.python = Some(OsString::from(&python));
            let mut out = Vec::new();
            let done = trace::plain::follow(trace::start(opts).unwrap(), true, Lang::En, &mut out)
                .unwrap();
            let t = &done.timeline;
            let text = String::from_utf8_lossy(&out);
            let who = format!("{} {prog}", python.to_string_lossy());
            assert_eq!(
                t.ended_with(Outcome::CutShort).count(),
                cut,
                "{who}: {text}"
            );
            assert!(t.main_code_end.is_some(), "{who}");
            assert_eq!(done.code, 0, "{who}: {text}");
        }
    }
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_users_sitecustomize_still_runs_and_forked_children_still_print() {
    let o = Command::new(env!("CARGO_BIN_EXE_threadline"))
        .args(["--lang", "en"])
        .args([
            "trace",
            "--plain",
            "--",
            "python3",
            "tests/python/chained.py",
        ])
        .env("PYTHONPATH", file("tests/python/user_site"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("user sitecustomize ran: True"), "{out}");
    assert!(out.contains("from the forked child"), "{out}");
    assert!(out.contains("child exit code 0"), "{out}");
    // The thread was traced: it has a row of its own.
    assert!(
        out.lines()
            .any(|l| l.starts_with("t ") && l.ends_with("finished")),
        "{out}"
    );
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn time_spent_paused_is_not_program_time() {
    let began = Instant::now();
    let mut t = start("tests/python/short_sleep.py", &[]);
    let mut events = until_sleeping(&t);
    t.pause();
    assert!(t.is_paused());
    std::thread::sleep(Duration::from_millis(1500));
    t.resume();
    t.wait();
    events.extend(t.events.try_iter().flatten());
    let tl = Timeline::from_events(&events);
    let (exit, code) = tl.process_exit.unwrap();
    assert_eq!(code, 0);
    // The 1.5 s pause is not on the program's axis (its 0.3 s sleep ran out
    // in the kernel meanwhile; the tracer sleeps what the pause took).
    let wall = began.elapsed().as_nanos() as u64;
    assert!(
        exit + threadline::event::secs(1.4) <= wall,
        "exit at {exit} ns of {wall} ns"
    );
    let texts: Vec<&str> = tl.output.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["sleeping", "awake"]);
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn tracebacks_through_wrapped_calls_show_no_tracer_frame() {
    let modern = Command::new("python3")
        .args(["-c", "import sys; sys.exit(sys.version_info < (3, 11))"])
        .status()
        .is_ok_and(|s| s.success());
    if !modern {
        eprintln!("skipped: frames can only be hidden from CPython 3.11 on");
        return;
    }
    let (code, _, err) = trace_plain(&["python3", "-c", "import time\ntime.sleep('not a number')"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("TypeError"), "{err}");
    assert!(!err.contains("sitecustomize"), "{err}");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn on_a_terminal_ctrl_z_and_ctrl_c_reach_the_program() {
    let o = Command::new("python3")
        .arg(file("tests/python/drive_tty.py"))
        .arg(env!("CARGO_BIN_EXE_threadline"))
        .args(["--lang", "en", "trace", "--plain", "--", "python3", "-c"])
        .arg("import time\nprint('ready', flush=True)\ntime.sleep(20)")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("after ctrl-z: T"), "{out}");
    assert!(
        out.contains("after continue: R") || out.contains("after continue: S"),
        "{out}"
    );
    assert!(out.contains("exit: 130"), "{out}");
    assert!(out.contains("KeyboardInterrupt"), "{out}");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn huge_thread_names_are_shortened_not_lost() {
    let (done, out) = traced("tests/python/long_name.py", &[]);
    let t = &done.timeline;
    assert_eq!(t.dropped, 0, "{out}");
    // Cut to 200 characters, the last an ellipsis that says so.
    let cut = format!("{}…", "é".repeat(199));
    assert!(t.tracks().iter().any(|t| t.name == cut), "{out}");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_deadlock_is_called_and_the_program_stopped() {
    // Two threads take two locks in opposite order with `with`: the tracer's
    // monitor finds both lock waits and both holders, plain mode calls the
    // cycle and stops the program well within a second of it closing.
    let began = Instant::now();
    let (code, out, err) = trace_plain(&["python3", "tests/python/deadlock_joined.py"]);
    assert!(began.elapsed() < Duration::from_secs(5), "{out}{err}");
    assert_eq!(code, Some(3), "{out}{err}");
    let all = format!("{out}{err}");
    assert!(all.contains("Deadlock"), "{all}");
    assert!(
        all.contains("Lock first (deadlock_joined.py:4)")
            && all.contains("Lock second (deadlock_joined.py:5)"),
        "{all}"
    );
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_ring_of_waits_with_timeouts_is_no_deadlock_and_the_program_goes_on() {
    // The same two locks in opposite order, the second taken with a
    // timeout: a, whose wait began first, backs off; b then gets both.
    let (code, out, err) = trace_plain(&["python3", "tests/python/backoff.py"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains("a backed off") && out.contains("b got both"),
        "{out}"
    );
    assert!(out.contains("main done"), "{out}");
    assert!(!format!("{out}{err}").contains("Deadlock"), "{out}{err}");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_ring_the_rest_of_the_program_leaves_behind_is_told_at_the_end() {
    // Two daemons join each other while main sleeps and leaves: threadline
    // lets the program end itself, then names the ring that stood to the end.
    let (code, out, err) = trace_plain(&["python3", "tests/python/join_ring.py"]);
    assert_eq!(code, Some(0), "the program's own exit: {out}{err}");
    assert!(out.contains("main gives up"), "{out}");
    let ring = out.find("Deadlock: 2 threads wait on each other in a ring");
    let stood = out.find("The rest of the program went on without them");
    assert!(ring.is_some() && stood > ring, "{out}");
    assert!(!err.contains("the program was ended"), "{err}");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn the_sampler_finds_a_thread_blocked_in_a_read() {
    use threadline::trace::sampler::Sampler;
    let mut t = start("tests/python/blocked_read.py", &[]);
    let deadline = Instant::now() + Duration::from_secs(10);
    let found = loop {
        assert!(Instant::now() < deadline, "no blocked read seen");
        for _ in t.events.try_iter() {}
        // The reader thread is the one the tracer gave id 1.
        if let Some(&(_, pid, native)) = t.natives().iter().find(|n| n.0 == 1) {
            let mut s = Sampler::new(pid);
            if let Some(x) = s
                .sample(&[native])
                .into_iter()
                .find(|x| x.blocking_call() == Some("read"))
            {
                break x;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(found.state, 'S');
    t.wait();
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn sys_exit_3_in_main_is_an_exit_with_code_3_not_a_failure() {
    let (code, out, _) = trace_plain(&["python3", "tests/python/tracer/exit3.py"]);
    assert_eq!(code, Some(3), "{out}");
    let main = out
        .lines()
        .find(|l| l.starts_with("main "))
        .expect("main's row");
    assert!(main.ends_with("exited with code 3"), "{out}");
    assert!(!out.contains("failed"), "{out}");
    let (done, _) = traced("tests/python/tracer/exit3.py", &[]);
    assert_eq!(outcome_of(&done.timeline, "main"), Some(Outcome::Finished));
    let history =
        threadline::ui::narrate::history(&done.timeline, MAIN, 0, (50, 0), None, Lang::En);
    assert!(
        history.iter().any(|l| l.ends_with("exited with code 3")),
        "{history:?}"
    );
}

/// Wait up to `secs` for `path` to exist.
fn appears(path: &std::path::Path, secs: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if path.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    path.exists()
}

/// `background_child.py` traced: the folder of its flag (removed when
/// dropped), the flag the background child writes after `delay` (unless
/// ended first), and the trace.
fn background(
    stay: bool,
    capture: bool,
    delay: &str,
) -> (tempfile::TempDir, std::path::PathBuf, Finished) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let flag = dir.join("alive");
    let mut command = vec![
        OsString::from("python3"),
        file("tests/python/background_child.py"),
        flag.clone().into_os_string(),
        OsString::from(delay),
    ];
    if stay {
        command.push(OsString::from("stay"));
    }
    let mut opts = TraceOptions::new(command);
    opts.capture = capture;
    let mut t = trace::start(opts).unwrap();
    if stay {
        // Stop it once it says it started its child (we end it: its group goes).
        loop {
            let batch = t.events.recv_timeout(Duration::from_secs(10)).unwrap();
            if batch
                .into_iter()
                .any(|ev| matches!(&ev.kind, EventKind::Output { text, .. } if text == "started"))
            {
                break;
            }
        }
        t.stop();
    }
    let mut out = Vec::new();
    let done = trace::plain::follow(t, false, Lang::En, &mut out).unwrap();
    (temp, flag, done)
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_program_that_exits_by_itself_keeps_its_background_children() {
    let (_dir, flag, done) = background(false, false, "0.5");
    assert_eq!(done.code, 0);
    assert!(appears(&flag, 20), "the background child was killed");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_background_child_holding_the_output_pipe_does_not_hold_the_trace() {
    // In the dashboard the program's stdout is a pipe the child inherits:
    // the trace is over when the program is, long before the child writes.
    let (_dir, flag, done) = background(false, true, "4");
    assert_eq!(done.code, 0);
    assert!(done.timeline.is_complete());
    assert!(!flag.exists(), "the trace waited for the background child");
    assert!(appears(&flag, 20), "the background child was killed");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_program_we_end_takes_its_background_children_with_it() {
    let (_dir, flag, _) = background(true, false, "1");
    assert!(!appears(&flag, 3), "the background child outlived the stop");
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_sleep_paused_in_its_middle_is_drawn_as_long_as_it_was_asked() {
    // time.sleep(1.0) paused for 0.6 s in its middle (the kernel's deadline
    // comes after the resume), then time.sleep(d) with d = 0.2 paused for
    // 0.5 s from its start (its deadline passes during the pause). A sleep
    // never ends early, so each drawn sleep lasts at least what it was asked;
    // and the pause is not counted in it twice.
    let mut t = start("tests/python/paused_sleep.py", &["0.2"]);
    let mut events = Vec::new();
    let mut sleeps = 0;
    let pause = |t: &trace::Traced, before: u64, length: u64| {
        std::thread::sleep(Duration::from_millis(before));
        t.pause();
        std::thread::sleep(Duration::from_millis(length));
        t.resume();
    };
    while sleeps < 2 {
        let batch = t.events.recv_timeout(Duration::from_secs(10)).unwrap();
        for ev in batch {
            let sleeping = matches!(
                ev.kind,
                EventKind::State {
                    state: State::Sleeping,
                    ..
                }
            );
            events.push(ev);
            if sleeping {
                sleeps += 1;
                if sleeps == 1 {
                    pause(&t, 300, 600);
                } else {
                    pause(&t, 0, 500);
                }
            }
        }
    }
    t.wait();
    events.extend(t.events.try_iter().flatten());
    let tl = Timeline::from_events(&events);
    let texts: Vec<&str> = tl.output.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["first", "second", "done"]);
    let main = tl.track(MAIN).unwrap();
    let drawn: Vec<f64> = main
        .spans(tl.horizon(0))
        .filter(|s| s.state == State::Sleeping)
        .map(|s| threadline::event::to_secs(s.end - s.start))
        .collect();
    assert_eq!(drawn.len(), 2, "{drawn:?}");
    for (got, asked, paused) in [(drawn[0], 1.0, 0.6), (drawn[1], 0.2, 0.5)] {
        assert!(got >= asked - 0.001, "a {asked} s sleep drawn as {got} s");
        assert!(
            got < asked + paused / 2.0,
            "a {asked} s sleep drawn as {got} s"
        );
    }
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn the_program_sees_only_its_own_threads_and_a_cut_name_says_so() {
    let (code, out, err) = trace_plain(&["python3", "tests/python/what_it_sees.py"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.lines().any(|l| l == "frames match True"), "{out}");
    // The name, 1,000 characters, is cut for the record: with an ellipsis.
    let cut = format!("{}…", "x".repeat(199));
    assert!(out.contains(&cut), "{out}");
}
