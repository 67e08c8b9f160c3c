//! What the `/proc` sampler adds to a trace, on every CPython 3.8–3.13
//! found (a missing version shows as an ignored test, "needs CPython 3.N"):
//! two CPU-bound threads take turns on the GIL, a thread blocked in a read
//! is blocked in I/O and never called CPU-bound, threads waiting in C code
//! (`usleep`, `flock`) sleep and are blocked in I/O, a thread C code
//! started ends when it leaves `/proc`. The programs are in
//! `tests/python/sampled/`. The assertions are about shares of a run and
//! states, with margins far from what CPython does; none rests on a
//! wall-clock duration.

#[macro_use]
mod common;

use std::ffi::OsString;
use std::path::PathBuf;

use threadline::event::{MAIN, Nanos, Outcome, State};
use threadline::i18n::Lang;
use threadline::model::{Timeline, Track};
use threadline::trace::{self, TraceOptions};

fn file(rel: &str) -> OsString {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/python/sampled")
        .join(rel)
        .into_os_string()
}

/// Trace `prog` with `python` to its end; the model and the narration's
/// last sentences.
fn traced(python: &str, prog: &str, args: &[&str]) -> Timeline {
    let mut command = vec![OsString::from("python3"), file(prog)];
    command.extend(args.iter().map(OsString::from));
    let mut opts = TraceOptions::new(command);
    opts.python = Some(OsString::from(python));
    let t = trace::start(opts).expect("python starts");
    let mut out = Vec::new();
    let done = trace::plain::follow(t, false, Lang::En, &mut out).expect("follow");
    assert_eq!(done.code, 0, "{}", String::from_utf8_lossy(&out));
    done.timeline
}

fn worker<'a>(tl: &'a Timeline, name: &str) -> &'a Track {
    tl.tracks()
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no thread {name}"))
}

/// Time at which both `a` and `b` are drawn in `state`.
fn both_in(tl: &Timeline, a: &Track, b: &Track, state: State) -> Nanos {
    let end = tl.horizon(0);
    let mut edges: Vec<(Nanos, i32)> = Vec::new();
    for t in [a, b] {
        for s in t.spans(end).filter(|s| s.state == state) {
            edges.push((s.start, 1));
            edges.push((s.end, -1));
        }
    }
    edges.sort_unstable();
    let (mut cur, mut since, mut total) = (0, 0, 0);
    for (at, d) in edges {
        if cur == 2 {
            total += at - since;
        }
        cur += d;
        since = at;
    }
    total
}

/// The spans of `t`, for a failure's message.
fn dump(tl: &Timeline, t: &Track) -> String {
    let end = tl.horizon(0);
    t.spans(end)
        .map(|s| {
            format!(
                "{:.3}-{:.3} {:?}",
                s.start as f64 / 1e9,
                s.end as f64 / 1e9,
                s.state
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn life(t: &Track) -> Nanos {
    let (end, _) = t.end().expect("ended");
    end - t.started().expect("started")
}

/// Two pure-Python CPU-bound threads: on a GIL build each waits for the GIL
/// for at least a quarter of its life and both are drawn running at once
/// for at most 15% of the run; without a GIL, never waiting for it.
fn cpu_pair(python: &str) {
    let tl = traced(python, "cpu_pair.py", &["0.4"]);
    let gil = tl.interpreter.as_ref().expect("the interpreter").gil;
    let (a, b) = (worker(&tl, "cpu 0"), worker(&tl, "cpu 1"));
    let end = tl.horizon(0);
    for t in [a, b] {
        let waited = t.time_in(end, |s| s == State::WaitingGil);
        let share = waited as f64 / life(t) as f64;
        if gil {
            assert!(
                share >= 0.25,
                "{}: waited for the GIL {share:.2} of its life",
                t.name
            );
        } else {
            assert_eq!(waited, 0, "{}: no GIL to wait for", t.name);
        }
        // Measured CPU: each spun for 0.4 s of its own CPU time.
        let cpu = t.cpu().expect("CPU time measured");
        assert!(cpu >= 300_000_000, "{}: {cpu} ns", t.name);
    }
    let first = a.started().unwrap().min(b.started().unwrap());
    let run = end - first;
    let at_once = both_in(&tl, a, b, State::Running) as f64 / run as f64;
    if gil {
        assert!(
            at_once <= 0.15,
            "drawn running at once for {at_once:.2} of the run"
        );
    }
    if std::env::var_os("DUMP").is_some() {
        eprintln!("{}\n--\n{}", dump(&tl, a), dump(&tl, b));
    }
    let share = tl.cpu_share(end).expect("two CPU-bound threads");
    assert_eq!(share.threads, 2);
    if gil {
        assert_eq!(share.at_once, 1, "{share:?}");
        assert!(share.ratio() > 1.6, "{share:?}");
    }
}

/// A thread blocked in `os.read` on a pipe while another spins: blocked in
/// I/O, with the call and what it reads, and not counted as CPU-bound.
fn pipe_and_spin(python: &str) {
    let tl = traced(python, "pipe_and_spin.py", &[]);
    let reader = worker(&tl, "reader");
    let end = tl.horizon(0);
    let blocked = reader.time_in(end, |s| s == State::BlockedIo);
    assert!(
        blocked as f64 >= 0.5 * life(reader) as f64,
        "reader blocked in I/O {blocked} ns of {}",
        life(reader)
    );
    let span = reader
        .spans(end)
        .find(|s| s.state == State::BlockedIo)
        .expect("a blocked span");
    let on = tl.detail(span.detail).and_then(|d| d.on);
    assert!(
        on.is_some_and(|o| o.starts_with("read(2) on fd ") && o.ends_with("(pipe)")),
        "{on:?}"
    );
    assert!(
        reader.cpu().unwrap_or(0) < 100_000_000,
        "{:?}",
        reader.cpu()
    );
    // One CPU-bound thread is no sharing to speak of.
    assert_eq!(tl.cpu_share(end), None);
    assert!(tl.track(MAIN).is_some());
}

/// Threads waiting in C code while another spins: the one in libc's
/// `usleep` sleeps and the one in `flock(2)` is blocked in I/O, each with
/// its call, for most of its life; neither is said to wait for the GIL
/// beyond the first sample.
fn c_waits(python: &str) {
    let tl = traced(python, "c_waits.py", &[]);
    let end = tl.horizon(0);
    for (name, state, calls) in [
        (
            "napper",
            State::Sleeping,
            &["clock_nanosleep(2)", "nanosleep(2)"][..],
        ),
        ("locker", State::BlockedIo, &["flock(2)"][..]),
    ] {
        let t = worker(&tl, name);
        let inside = t.time_in(end, |s| s == state);
        assert!(
            inside as f64 >= 0.5 * life(t) as f64,
            "{name}: {state:?} {inside} ns of {}\n{}",
            life(t),
            dump(&tl, t)
        );
        let span = t.spans(end).find(|s| s.state == state).expect("a span");
        let on = tl.detail(span.detail).and_then(|d| d.on);
        assert!(on.is_some_and(|o| calls.contains(&o)), "{on:?}");
        let gil = t.time_in(end, |s| s == State::WaitingGil);
        assert!(
            (gil as f64) < 0.25 * life(t) as f64,
            "{name}: waiting for the GIL {gil} ns\n{}",
            dump(&tl, t)
        );
    }
}

/// A thread C code started ends, finished, when its task leaves `/proc`
/// (before main's end, not cut short at the exit); nobody is said to have
/// started it.
fn c_thread(python: &str) {
    let tl = traced(python, "c_thread.py", &[]);
    let end = tl.horizon(0);
    let foreign: Vec<&Track> = tl.tracks().iter().filter(|t| t.id != MAIN).collect();
    assert_eq!(
        foreign.len(),
        1,
        "{:?}",
        foreign.iter().map(|t| &t.name).collect::<Vec<_>>()
    );
    let t = foreign[0];
    assert_eq!(t.parent(), None, "{}", t.name);
    let (at, outcome) = t.end().expect("it ended");
    assert_eq!(outcome, Outcome::Finished, "{}", dump(&tl, t));
    let main = tl.track(MAIN).expect("main");
    let (main_end, _) = main.end().expect("main ended");
    assert!(at < main_end, "{at} >= {main_end}");
    let starting = main.time_in(end, |s| s == State::Starting);
    assert_eq!(starting, 0, "{}", dump(&tl, main));
}

/// The sampled programs on one CPython.
fn sampled(python: &str) {
    cpu_pair(python);
    pipe_and_spin(python);
    c_waits(python);
    c_thread(python);
}

on_every_cpython!(sampled_on, sampled);
