//! CPython signs the scenarios. Every built-in scenario has a Python twin in
//! `assets/python/` (the seed's three programs twice: the post's spelling in
//! `seed/`, and today's, derived from it by `common::today`). For each
//! CPython 3.8–3.13 found, each twin
//! runs (scaled fast) by itself and under `threadline trace --plain`, and what
//! it prints (as a multiset, and in the order the scenario claims), which
//! threads finish and which are cut short, and its exit code must be what
//! `threadline run NAME --plain` shows.
//!
//! One test per version: a version that is missing is an ignored test that
//! says so (`build.rs` looks for them). Scenarios known not to match CPython
//! are in [`KNOWN_MISMATCHES`], each with its reason and a check that the
//! difference is still there: the day a scenario is fixed, the test fails and
//! says to move its entry out.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use threadline::scenario::{self, Overrides};

mod common;
use common::today;

// -- what the traced side does on a deadlock ----------------------------------

/// What `threadline trace` does with a program whose threads deadlock.
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq)]
enum OnDeadlock {
    /// It follows the program for as long as it hangs (today).
    KeepsFollowing,
    /// It sees the deadlock, says so and exits with this code.
    Exits(i32),
}

/// The tracer detects deadlocks (its monitor sees lock waits and their
/// holders): plain trace calls the cycle and exits with 3.
const TRACE_ON_DEADLOCK: OnDeadlock = OnDeadlock::Exits(3);

// -- the twins ---------------------------------------------------------------

struct Twin {
    /// The built-in scenario it stands for.
    scenario: &'static str,
    file: Program,
    /// Its time scale (or count), chosen to make it fast.
    args: &'static [&'static str],
    /// Lines either side may leave out: a daemon thread can be cut short
    /// before its first print (docs/semantics.md (c)).
    may_lose: Option<&'static str>,
    /// The order of lines the scenario claims; checked on both sides.
    order: fn(&[String]) -> Result<(), String>,
    /// A deadlock: it never ends.
    hangs: Option<Hang>,
}

struct Hang {
    /// The line it would print if it ended.
    never: &'static str,
    /// Printed once every thread is stuck.
    stuck: &'static [&'static str],
}

/// A twin's program.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Program {
    /// A file under `assets/python/`.
    File(&'static str),
    /// One of the seed's three (`basic.py`, ...) in today's spelling,
    /// derived from `assets/python/seed/` by [`today::program`].
    Today(&'static str),
}

use Program::{File, Today};

impl Program {
    /// Where it is, and for one in today's spelling the folder that keeps
    /// it while it is needed.
    fn path(self) -> (PathBuf, Option<today::Today>) {
        match self {
            File(file) => (root().join("assets/python").join(file), None),
            Today(name) => {
                let program = today::program(name);
                (program.path().to_path_buf(), Some(program))
            }
        }
    }
}

impl std::fmt::Display for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            File(file) => write!(f, "{file}"),
            Today(name) => write!(f, "{name} (today's spelling)"),
        }
    }
}

const TWINS: &[Twin] = &[
    twin("basic", Today("basic.py"), &["1.5"], basic_order),
    twin("basic", File("seed/basic.py"), &["1.5"], basic_order),
    Twin {
        may_lose: Some("sub thread start  "),
        ..twin("daemon", Today("daemon.py"), &["2"], daemon_order)
    },
    Twin {
        may_lose: Some("sub thread start  "),
        ..twin("daemon", File("seed/daemon.py"), &["2"], daemon_order)
    },
    twin("join", Today("join.py"), &["0.3"], join_order),
    twin("join", File("seed/join.py"), &["0.3"], join_order),
    twin("mixed", File("mixed.py"), &["0.5"], mixed_order),
    twin("stress", File("stress.py"), &["0.1"], stress_order),
    twin("gil-cpu", File("gil-cpu.py"), &["0.05"], gil_order),
    twin("gil-io", File("gil-io.py"), &["0.1"], gil_order),
    // 300,000 a thread: enough for switch intervals to end inside the loops
    // (at 10,000 no CPython loses any update); the scenario runs the same.
    twin("race", File("race.py"), &[RACE_TIMES], race_order),
    twin("processes", File("processes.py"), &["0.1"], processes_order),
    Twin {
        hangs: Some(Hang {
            never: "main: alice and bob are done",
            stuck: &["alice waits for right", "bob waits for left"],
        }),
        ..twin("deadlock", File("deadlock.py"), &["0.3"], no_order)
    },
    Twin {
        hangs: Some(Hang {
            never: "every philosopher has eaten",
            stuck: &[
                "philosopher 0 waits for fork 1",
                "philosopher 1 waits for fork 2",
                "philosopher 2 waits for fork 3",
                "philosopher 3 waits for fork 4",
                "philosopher 4 waits for fork 0",
            ],
        }),
        ..twin("philosophers", File("philosophers.py"), &["0.5"], no_order)
    },
];

const fn twin(
    scenario: &'static str,
    file: Program,
    args: &'static [&'static str],
    order: fn(&[String]) -> Result<(), String>,
) -> Twin {
    Twin {
        scenario,
        file,
        args,
        may_lose: None,
        order,
        hangs: None,
    }
}

/// The race's updates a thread, on both sides.
const RACE_TIMES: &str = "300000";

// -- known mismatches ----------------------------------------------------------

/// What a known mismatch excuses.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Aspect {
    /// The output lines (multiset).
    Lines,
    /// Which threads finish and which are cut short.
    Threads,
    /// There is no such scenario: nothing to compare with.
    Scenario,
}

struct Known {
    scenario: &'static str,
    reason: &'static str,
    excuses: &'static [Aspect],
    /// `Ok(how)` while the named difference is still there.
    still_differs: fn(&Sides) -> Result<String, String>,
}

/// Scenarios that do not do what CPython does yet. Each entry's check fails
/// once its difference is gone: then move the entry out of this table.
const KNOWN_MISMATCHES: &[Known] = &[];

fn known(scenario: &str) -> Option<&'static Known> {
    KNOWN_MISMATCHES.iter().find(|k| k.scenario == scenario)
}

// -- the orders the scenarios claim ----------------------------------------------

fn at(lines: &[String], line: &str) -> Result<usize, String> {
    lines
        .iter()
        .position(|l| l == line)
        .ok_or_else(|| format!("no line `{line}`"))
}

fn all_at(lines: &[String], prefix: &str) -> Vec<usize> {
    (0..lines.len())
        .filter(|&i| lines[i].starts_with(prefix))
        .collect()
}

/// Each thread's `A  NAME` line comes before its `B  NAME` line.
fn starts_before_ends(lines: &[String], start: &str, end: &str) -> Result<(), String> {
    for e in all_at(lines, end) {
        let name = &lines[e][end.len()..];
        if let Some(s) = lines
            .iter()
            .position(|l| l.strip_prefix(start) == Some(name))
            && s > e
        {
            return Err(format!("`{}` after `{}`", lines[s], lines[e]));
        }
    }
    Ok(())
}

fn basic_order(l: &[String]) -> Result<(), String> {
    let main_end = at(l, "main thread end")?;
    if let Some(&e) = all_at(l, "sub thread end").iter().find(|&&e| e < main_end) {
        return Err(format!("`{}` before `main thread end`", l[e]));
    }
    starts_before_ends(l, "sub thread start  ", "sub thread end    ")
}

fn daemon_order(l: &[String]) -> Result<(), String> {
    at(l, "main thread end")?;
    match all_at(l, "sub thread end").first() {
        Some(&e) => Err(format!("a daemon thread printed `{}`", l[e])),
        None => Ok(()),
    }
}

fn join_order(l: &[String]) -> Result<(), String> {
    let post = at(l, "main thread post job")?;
    for name in ["1", "2"] {
        let end = at(l, &format!("sub thread end    {name}"))?;
        if end > post {
            return Err(format!("`{}` after `main thread post job`", l[end]));
        }
    }
    if at(l, "main thread end")? < post {
        return Err("`main thread end` before `main thread post job`".into());
    }
    starts_before_ends(l, "sub thread start  ", "sub thread end    ")
}

fn mixed_order(l: &[String]) -> Result<(), String> {
    let main_end = at(l, "main thread end")?;
    if let Some(&e) = all_at(l, "worker end").iter().find(|&&e| e < main_end) {
        return Err(format!("`{}` before `main thread end`", l[e]));
    }
    if let Some(&e) = all_at(l, "daemon end").first() {
        return Err(format!("a daemon thread printed `{}`", l[e]));
    }
    starts_before_ends(l, "worker start  ", "worker end    ")
}

fn last_is(l: &[String], line: &str) -> Result<(), String> {
    match l.last() {
        Some(last) if last == line => Ok(()),
        other => Err(format!("the last line is {other:?}, not `{line}`")),
    }
}

fn stress_order(l: &[String]) -> Result<(), String> {
    if l.first().map(String::as_str) != Some("main starts the workers") {
        return Err("`main starts the workers` is not first".into());
    }
    last_is(l, "main joined every worker")
}

/// gil-cpu and gil-io: `NAME done` after NAME's first line; main's last.
fn gil_order(l: &[String]) -> Result<(), String> {
    last_is(l, "main: all threads done")?;
    for (i, line) in l.iter().enumerate() {
        if let Some(name) = line.strip_suffix(" done")
            && !name.starts_with("main")
        {
            let first = l.iter().position(|x| x.starts_with(&format!("{name} ")));
            if first != Some(i) && first.is_some_and(|f| f < i) {
                continue;
            }
            return Err(format!("`{line}` before {name}'s first line"));
        }
    }
    Ok(())
}

/// race: every `NAME = V` after the line that announces NAME.
fn race_order(l: &[String]) -> Result<(), String> {
    for (i, line) in l.iter().enumerate() {
        if let Some((name, _)) = line.split_once(" = ") {
            let announced = l[..i]
                .iter()
                .any(|x| x.starts_with("4 threads") && x.contains(&format!(" to {name},")));
            if !announced {
                return Err(format!("`{line}` before the line that announces `{name}`"));
            }
        }
    }
    Ok(())
}

fn processes_order(l: &[String]) -> Result<(), String> {
    if l.first().map(String::as_str) != Some("parent: starting 4 processes") {
        return Err("`parent: starting 4 processes` is not first".into());
    }
    last_is(l, "parent: all processes joined")?;
    if l.len() < 2 || l[l.len() - 2] != "counter = 0" {
        return Err("the parent's `counter = 0` does not come after every child's lines".into());
    }
    for i in 0..4 {
        let (start, end) = (format!("process {i} start"), format!("process {i} end"));
        if at(l, &start)? > at(l, &end)? {
            return Err(format!("`{end}` before `{start}`"));
        }
    }
    Ok(())
}

fn no_order(_: &[String]) -> Result<(), String> {
    Ok(())
}

// -- running things ----------------------------------------------------------------

/// How a program ran.
#[derive(Debug, Default)]
struct Ran {
    /// Its output lines (a `--plain` run's program lines only).
    lines: Vec<String>,
    /// The whole output.
    text: String,
    stderr: String,
    /// `None`: still running when it was stopped (a deadlock).
    code: Option<i32>,
    /// `--plain`: each thread's daemon flag and outcome, by name.
    threads: BTreeMap<String, (String, String)>,
    /// `--plain`: "process exited at ... with exit code N".
    exit: Option<i32>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run `cmd` to its end (at most `limit`). With `hang`, a deadlock: stop it
/// once every stuck line is out and it has gone on for `hang.1` more.
fn run(mut cmd: Command, hang: Option<(&Hang, Duration)>, limit: Duration) -> Ran {
    cmd.current_dir(root())
        .env_remove("PYTHONUNBUFFERED")
        .env_remove("PYTHONWARNINGS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let mut child = cmd.spawn().expect("starts");
    let (tx, rx) = mpsc::channel();
    let out = BufReader::new(child.stdout.take().unwrap());
    let reader = std::thread::spawn(move || {
        for line in out.lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut err = child.stderr.take().unwrap();
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let begun = Instant::now();
    let mut all: Vec<String> = Vec::new();
    let mut stuck_since: Option<Instant> = None;
    let mut stopped = false;
    loop {
        match rx.recv_timeout(Duration::from_millis(20)) {
            Ok(line) => all.push(line),
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if let Some((h, more)) = hang {
            if stuck_since.is_none() && h.stuck.iter().all(|s| all.iter().any(|l| l == s)) {
                stuck_since = Some(Instant::now());
            }
            if stuck_since.is_some_and(|t| t.elapsed() > more) {
                stopped = child.try_wait().ok().flatten().is_none();
                break;
            }
        }
        if begun.elapsed() > limit {
            stopped = true;
            break;
        }
    }
    if stopped {
        // The whole group: `threadline trace` and its Python.
        unsafe { libc::kill(-(child.id() as i32), libc::SIGKILL) };
    }
    let status = child.wait().expect("waits");
    let _ = reader.join();
    all.extend(rx.try_iter());
    let stderr = err_reader.join().unwrap_or_default();
    let mut ran = parse_plain(&all);
    ran.stderr = stderr;
    ran.code = if stopped { None } else { status.code() };
    ran
}

/// Split `--plain` output: the program's lines, then the summary table.
fn parse_plain(all: &[String]) -> Ran {
    let blank = all.iter().position(|l| l.is_empty()).unwrap_or(all.len());
    let mut ran = Ran {
        lines: all[..blank].to_vec(),
        text: all.join("\n"),
        ..Ran::default()
    };
    let rest = &all[(blank + 1).min(all.len())..];
    let Some(head) = rest
        .iter()
        .position(|l| l.starts_with("thread") && l.ends_with("outcome"))
    else {
        return ran;
    };
    for row in &rest[head + 1..] {
        if let Some(code) = row.strip_prefix("process exited at ") {
            ran.exit = code.rsplit(' ').next().and_then(|c| c.parse().ok());
            break;
        }
        if row.starts_with("the process had not exited") {
            break;
        }
        let cells: Vec<&str> = row
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if let [name, daemon, _, _, outcome] = cells[..] {
            ran.threads
                .insert(name.to_string(), (daemon.to_string(), outcome.to_string()));
        }
    }
    ran
}

fn threadline() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_threadline"));
    cmd.args(["--lang", "en"]);
    cmd
}

/// `threadline run NAME --plain --python VERSION` (`python`: "3.N"), or
/// `None` when there is no such scenario. A deadlock ends it with code 3.
fn scenario_run(name: &str, python: &str) -> Option<Ran> {
    let mut cmd = threadline();
    let spec = if name == "race" {
        // The race at the twin's count: the scenario's file with it.
        let source = scenario::BUILTIN
            .iter()
            .find(|(n, _)| *n == "race")
            .unwrap()
            .1;
        let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("threadline-twins-race-{}.toml", std::process::id()));
        std::fs::write(&path, source.replace("1000000", RACE_TIMES)).unwrap();
        path.display().to_string()
    } else {
        name.to_string()
    };
    cmd.args([
        "run", &spec, "--plain", "--seed", "1", "--speed", "100", "--python", python,
    ]);
    let ran = run(cmd, None, Duration::from_secs(60));
    match ran.code {
        Some(0 | 3) => Some(ran),
        Some(2) if ran.stderr.contains("no such scenario") => None,
        _ => panic!("threadline run {name}: {ran:?}"),
    }
}

/// Every twin's scenario as CPython 3.`minor` would run it, one at a time
/// and before any twin of that version runs: threadline's runs are meant to
/// be the same on every machine, and this keeps the twins' load off them.
fn scenarios(minor: u32) -> BTreeMap<&'static str, Option<Ran>> {
    let python = format!("3.{minor}");
    let mut names: Vec<&str> = TWINS.iter().map(|t| t.scenario).collect();
    names.dedup();
    names
        .into_iter()
        .map(|n| (n, scenario_run(n, &python)))
        .collect()
}

/// `NAME = N`: whether the counter lost updates (N below 4 × the count), not N.
fn lost_or_kept(lines: &[String]) -> Vec<String> {
    let full: i64 = 4 * RACE_TIMES.parse::<i64>().unwrap();
    lines
        .iter()
        .map(
            |l| match l.split_once(" = ").map(|(n, v)| (n, v.parse::<i64>())) {
                Some((name, Ok(v))) if v == full => format!("{name}: every update kept"),
                Some((name, Ok(_))) => format!("{name}: updates lost"),
                _ => l.clone(),
            },
        )
        .collect()
}

// -- finding CPython -------------------------------------------------------------

/// CPython 3.`minor`: pyenv's newest 3.`minor`.P, else `python3` on PATH if
/// it is that version (the same search as build.rs).
fn find_python(minor: u32) -> Option<(String, PathBuf)> {
    let pyenv = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv")))?;
    let mut best: Option<(u32, PathBuf)> = None;
    if let Ok(dir) = std::fs::read_dir(pyenv.join("versions")) {
        for entry in dir.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let parts: Vec<&str> = name.split('.').collect();
            if let ["3", m, p] = parts[..]
                && m.parse() == Ok(minor)
                && let Ok(patch) = p.parse::<u32>()
                && entry.path().join("bin/python").exists()
                && best.as_ref().is_none_or(|(b, _)| patch > *b)
            {
                best = Some((patch, entry.path().join("bin/python")));
            }
        }
    }
    if let Some((patch, path)) = best {
        return Some((format!("3.{minor}.{patch}"), path));
    }
    let out = Command::new("python3")
        .args([
            "-c",
            "import platform, sys; print(sys.version_info[1], platform.python_version(), sys.executable)",
        ])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut words = text.split_whitespace();
    (words.next()?.parse() == Ok(minor))
        .then(|| Some((words.next()?.to_string(), PathBuf::from(words.next()?))))
        .flatten()
}

// -- comparing -------------------------------------------------------------------

/// What one twin did on one CPython, beside its scenario.
struct Sides<'a> {
    // Read by a known mismatch's check (the table is empty today).
    #[allow(dead_code)]
    scenario: Option<&'a Ran>,
}

/// `a` minus `b`, as multisets.
fn minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut left: BTreeMap<&str, usize> = BTreeMap::new();
    for l in b {
        *left.entry(l).or_default() += 1;
    }
    let mut out = Vec::new();
    for l in a {
        match left.get_mut(l.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(l.clone()),
        }
    }
    out
}

/// The scenario's lines against CPython's: `Ok(lines CPython lost)`.
fn same_lines(scen: &[String], py: &[String], may_lose: Option<&str>) -> Result<usize, String> {
    let missing = minus(scen, py);
    let extra = minus(py, scen);
    // A start line may be lost on either side: it is a race with the exit
    // (docs/semantics.md (c)), which the scenario models too.
    let excused = |l: &String| may_lose.is_some_and(|p| l.starts_with(p));
    if extra.iter().all(excused) && missing.iter().all(excused) {
        Ok(missing.len())
    } else {
        Err(format!(
            "lines only the scenario prints: {missing:?}; only CPython: {extra:?}"
        ))
    }
}

/// Check one twin on one interpreter: `Ok(a note)` or `Err(what is wrong)`.
fn check(tw: &Twin, version: &str, py: &Path, scen: Option<&Ran>) -> Result<String, Vec<String>> {
    let (file, _today) = tw.file.path();
    let limit = Duration::from_secs(if tw.hangs.is_some() { 10 } else { 30 });
    let mut direct = Command::new(py);
    direct.arg(&file).args(tw.args);
    let mut traced = threadline();
    traced
        .args(["trace", "--plain", "--"])
        .arg(py)
        .arg(&file)
        .args(tw.args);
    // Still running 0.4 s after every thread is stuck: hung for good.
    let hung = Duration::from_millis(400);
    let traced_wait = match TRACE_ON_DEADLOCK {
        OnDeadlock::KeepsFollowing => hung,
        OnDeadlock::Exits(_) => Duration::from_secs(5),
    };
    let (twin_ran, traced_ran) = std::thread::scope(|s| {
        let a = s.spawn(|| run(direct, tw.hangs.as_ref().map(|h| (h, hung)), limit));
        let b = s.spawn(|| run(traced, tw.hangs.as_ref().map(|h| (h, traced_wait)), limit));
        (a.join().unwrap(), b.join().unwrap())
    });
    let sides = Sides { scenario: scen };
    let mut wrong = Vec::new();
    let mut notes = Vec::new();
    let k = known(tw.scenario);
    let excused = |a: Aspect| k.is_some_and(|k| k.excuses.contains(&a));
    let what = format!("{} on CPython {version}", tw.file);

    // Today's spelling warns of nothing, on any version.
    if matches!(tw.file, Today(_)) && twin_ran.stderr.contains("DeprecationWarning") {
        wrong.push(format!(
            "{what} by itself: a DeprecationWarning\n{}",
            twin_ran.stderr
        ));
    }
    // The twin by itself, and traced.
    for (side, ran) in [("by itself", &twin_ran), ("traced", &traced_ran)] {
        if let Some(h) = &tw.hangs {
            let expected = match TRACE_ON_DEADLOCK {
                OnDeadlock::Exits(code) if side == "traced" => Some(code),
                _ => None,
            };
            if ran.code != expected {
                wrong.push(format!(
                    "{what} {side}: a deadlock should leave it {}, but its exit code is {:?}\n{}",
                    expected.map_or("running".to_string(), |c| format!("exiting with {c}")),
                    ran.code,
                    ran.text
                ));
            }
            if ran.lines.iter().any(|l| l == h.never) {
                wrong.push(format!("{what} {side}: printed `{}`", h.never));
            }
            for s in h.stuck {
                if !ran.lines.iter().any(|l| l == s) {
                    wrong.push(format!("{what} {side}: never printed `{s}`"));
                }
            }
        } else if ran.code.is_none() {
            wrong.push(format!("{what} {side}: still running after {limit:?}"));
            continue;
        }
        if let Err(e) = (tw.order)(&ran.lines) {
            wrong.push(format!("{what} {side}: {e}\n{}", ran.lines.join("\n")));
        }
    }
    if tw.hangs.is_none() {
        if !traced_ran.threads.contains_key("main") {
            wrong.push(format!(
                "{what} traced: no summary table\n{}",
                traced_ran.text
            ));
        }
        if traced_ran.exit != twin_ran.code {
            wrong.push(format!(
                "{what}: exit code {:?}, but the trace says {:?}",
                twin_ran.code, traced_ran.exit
            ));
        }
        if traced_ran.code != twin_ran.code {
            wrong.push(format!(
                "{what}: `threadline trace` exited {:?}, the program {:?}",
                traced_ran.code, twin_ran.code
            ));
        }
    }

    // Against the scenario.
    match (scen, excused(Aspect::Scenario)) {
        (None, false) => wrong.push(format!("{what}: no scenario `{}`", tw.scenario)),
        (None, true) => {}
        (Some(_), true) => {}
        (Some(sc), false) => {
            if let Err(e) = (tw.order)(&sc.lines) {
                wrong.push(format!("scenario {}: {e}", tw.scenario));
            }
            if !excused(Aspect::Lines) {
                // The race: which counters lose updates, not how many.
                let sc_lines = if tw.scenario == "race" {
                    lost_or_kept(&sc.lines)
                } else {
                    sc.lines.clone()
                };
                for (side, ran) in [("by itself", &twin_ran), ("traced", &traced_ran)] {
                    let lines = if tw.scenario == "race" {
                        lost_or_kept(&ran.lines)
                    } else {
                        ran.lines.clone()
                    };
                    match same_lines(&sc_lines, &lines, tw.may_lose) {
                        Ok(0) => {}
                        Ok(n) => notes.push(format!("{side}: {n} lines lost to the exit")),
                        Err(e) => wrong.push(format!("{what} {side}: {e}")),
                    }
                }
            }
            if tw.hangs.is_none() {
                if !sc.threads.contains_key("main") {
                    wrong.push(format!(
                        "scenario {}: no summary table\n{}",
                        tw.scenario, sc.text
                    ));
                }
                if sc.exit != twin_ran.code {
                    wrong.push(format!(
                        "{what}: exit code {:?}, the scenario's {:?}",
                        twin_ran.code, sc.exit
                    ));
                }
                if !excused(Aspect::Threads) {
                    let threads = scenario_threads(tw.scenario, sc);
                    let traced_threads = traced_threads(&traced_ran.threads);
                    if threads != traced_threads {
                        wrong.push(format!(
                            "{what}: threads and outcomes differ\n  scenario: {threads:?}\n  CPython:  {:?}",
                            traced_ran.threads
                        ));
                    }
                }
            }
        }
    }
    if let Some(k) = k {
        match (k.still_differs)(&sides) {
            Ok(how) => notes.push(format!("known mismatch: {how}")),
            Err(gone) => wrong.push(format!(
                "{what}: the known mismatch of `{}` is gone ({gone}): it matched CPython in the \
                 way KNOWN_MISMATCHES said it did not ({}). Move its entry out of the table.",
                k.scenario, k.reason
            )),
        }
    }
    if wrong.is_empty() {
        Ok(notes.join("; "))
    } else {
        Err(wrong)
    }
}

/// Child processes by count and outcome, not by name (their pids differ):
/// `process #1`, `process #2`, ... in the order of their (daemon, outcome).
fn numbered_processes(
    rows: impl Iterator<Item = (String, (String, String))>,
    is_process: impl Fn(&str) -> bool,
) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    let mut procs = Vec::new();
    for (n, v) in rows {
        if is_process(&n) {
            procs.push(v);
        } else {
            out.insert(n, v);
        }
    }
    procs.sort();
    for (i, v) in procs.into_iter().enumerate() {
        out.insert(format!("process #{}", i + 1), v);
    }
    out
}

/// The traced program's rows: its children's main rows are `process (PID)`
/// (the tracer follows child processes too).
fn traced_threads(rows: &BTreeMap<String, (String, String)>) -> BTreeMap<String, (String, String)> {
    numbered_processes(rows.clone().into_iter(), |n| {
        n.starts_with("process (") && n.ends_with(')')
    })
}

/// The scenario's threads as `trace` sees them: each child process a
/// `process #i` row.
fn scenario_threads(name: &str, sc: &Ran) -> BTreeMap<String, (String, String)> {
    let program = scenario::builtin(name, Overrides::default())
        .expect("built in")
        .expect("compiles");
    let processes: Vec<&str> = program
        .threads
        .iter()
        .filter(|t| t.process)
        .map(|t| t.name.as_str())
        .collect();
    // A process's row shows its pid: `process 0 (4242)`.
    numbered_processes(sc.threads.clone().into_iter(), |n| {
        processes
            .iter()
            .any(|p| n == *p || n.starts_with(&format!("{p} (")))
    })
}

/// Every twin on CPython 3.`minor`, in parallel.
fn cpython(minor: u32) {
    let Some((version, py)) = find_python(minor) else {
        panic!("skipped: CPython 3.{minor} not found (it was when the tests were built)");
    };
    let begun = Instant::now();
    let scenarios = scenarios(minor);
    // Deadlocks first: they take longest, mostly asleep.
    let mut order: Vec<&Twin> = TWINS.iter().collect();
    order.sort_by_key(|t| t.hangs.is_none());
    let results: Vec<(&Twin, Result<String, Vec<String>>)> = std::thread::scope(|s| {
        let handles: Vec<_> = order
            .iter()
            .map(|tw| {
                let scen = scenarios[tw.scenario].as_ref();
                let (version, py) = (&version, &py);
                (*tw, s.spawn(move || check(tw, version, py, scen)))
            })
            .collect();
        handles
            .into_iter()
            .map(|(tw, h)| (tw, h.join().unwrap()))
            .collect()
    });
    let mut failures = Vec::new();
    for (tw, r) in results {
        match r {
            Ok(note) if note.is_empty() => {
                println!("{version} {}: matches {}", tw.file, tw.scenario)
            }
            Ok(note) if known(tw.scenario).is_some() => {
                println!(
                    "{version} {}: differs from {} as known ({note})",
                    tw.file, tw.scenario
                )
            }
            Ok(note) => println!("{version} {}: matches {} ({note})", tw.file, tw.scenario),
            Err(w) => failures.extend(w),
        }
    }
    println!(
        "CPython {version}: {} twins in {:.1?}",
        TWINS.len(),
        begun.elapsed()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
#[cfg_attr(not(cpython_3_8), ignore = "CPython 3.8 not found")]
fn cpython_3_8() {
    cpython(8);
}

#[test]
#[cfg_attr(not(cpython_3_9), ignore = "CPython 3.9 not found")]
fn cpython_3_9() {
    cpython(9);
}

#[test]
#[cfg_attr(not(cpython_3_10), ignore = "CPython 3.10 not found")]
fn cpython_3_10() {
    cpython(10);
}

#[test]
#[cfg_attr(not(cpython_3_11), ignore = "CPython 3.11 not found")]
fn cpython_3_11() {
    cpython(11);
}

#[test]
#[cfg_attr(not(cpython_3_12), ignore = "CPython 3.12 not found")]
fn cpython_3_12() {
    cpython(12);
}

#[test]
#[cfg_attr(not(cpython_3_13), ignore = "CPython 3.13 not found")]
fn cpython_3_13() {
    cpython(13);
}

#[test]
fn every_built_in_scenario_has_a_twin() {
    for name in scenario::builtin_names() {
        assert!(
            TWINS.iter().any(|t| t.scenario == name),
            "the built-in scenario `{name}` has no Python twin in TWINS"
        );
    }
    for tw in TWINS {
        let (file, _today) = tw.file.path();
        assert!(file.exists(), "{} is missing", file.display());
    }
    for k in KNOWN_MISMATCHES {
        assert!(
            TWINS.iter().any(|t| t.scenario == k.scenario),
            "KNOWN_MISMATCHES names `{}`, which has no twin",
            k.scenario
        );
    }
}

#[test]
fn todays_spelling_is_the_seed_with_each_name_line_respelled_and_nothing_else() {
    let (post, todays) = today::TODAY;
    for name in ["basic.py", "daemon.py", "join.py"] {
        let seed = std::fs::read_to_string(today::seed(name)).unwrap();
        let derived = today::todays_text(name);
        assert_eq!(seed.len() - derived.len(), 2 * (post.len() - todays.len()));
        let changed: Vec<(&str, &str)> = seed
            .split_inclusive('\n')
            .zip(derived.split_inclusive('\n'))
            .filter(|(s, d)| s != d)
            .collect();
        assert_eq!(
            changed,
            [
                (
                    "        print(\"sub thread start \", threading.currentThread().getName())\n",
                    "        print(\"sub thread start \", threading.current_thread().name)\n"
                ),
                (
                    "        print(\"sub thread end   \", threading.currentThread().getName())\n",
                    "        print(\"sub thread end   \", threading.current_thread().name)\n"
                ),
            ],
            "{name}"
        );
        // Its code (its comments aside) calls no deprecated name.
        for line in derived.lines().filter(|l| !l.trim_start().starts_with('#')) {
            for old in today::DEPRECATED {
                assert!(!line.contains(old), "{name}: {old} in `{line}`");
            }
        }
    }
}

// -- the generated programs ------------------------------------------------------

/// `NAME = 123` as `NAME = …`: for scenarios whose counters are known to differ.
fn masked(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| match l.split_once(" = ") {
            Some((name, v)) if v.parse::<i64>().is_ok() => format!("{name} = …"),
            _ => l.clone(),
        })
        .collect()
}

/// A scenario of a user's, with what the built-ins do not have: threads that
/// start threads, `start = false` then `start = "all"`, joins by name of a
/// thread a loop made and of one another thread made, a lock, a counter.
const OWN_SCENARIO: &str = r#"
main = [
  { print = "main starts" },
  { spawn = "Boss", name = "boss" },
  { spawn = "Worker", count = 3, name = "w{i}", start = false },
  { spawn = "Worker", name = "solo" },
  { start = "all" },
  { join = "w1" },
  { join = "all" },
  { increment = "n", times = 3 },
  { report = "n" },
]
[classes.Boss]
run = [
  { spawn = "Worker", count = 2, name = "sub {i}" },
  { join = "sub 1" },
  { join = "solo" },
  { increment = "n", lock = "m" },
  { print = "{name} done, {braces} kept" },
]
[classes.Worker]
run = [ { compute = 0.05 }, { sleep = 0.2 }, { print = "{name} ok" } ]
"#;

const OWN_TWIN: Twin = twin("own", File(""), &[], no_order);

/// `scenario::to_python` for the built-ins (and one more), run on one CPython: each prints
/// what its scenario prints, in the order the scenario claims.
#[test]
#[cfg_attr(
    not(any(
        cpython_3_8,
        cpython_3_9,
        cpython_3_10,
        cpython_3_11,
        cpython_3_12,
        cpython_3_13
    )),
    ignore = "no CPython 3.8–3.13 found"
)]
fn generated_programs_print_what_their_scenarios_print() {
    let (version, py) = (8..=13)
        .rev()
        .find_map(find_python)
        .expect("skipped: no CPython 3.8–3.13 found");
    let dir = tempfile::tempdir().unwrap();
    let minor: u32 = version
        .split('.')
        .nth(1)
        .and_then(|m| m.parse().ok())
        .unwrap();
    let runs = scenarios(minor);
    let cases: &[(&str, &str)] = &[
        ("basic", "0.1"),
        ("daemon", "0.5"),
        ("join", "0.1"),
        ("mixed", "0.1"),
        ("stress", "0.1"),
        ("gil-cpu", "0.05"),
        ("gil-io", "0.1"),
        ("race", "1"),
        ("processes", "0.1"),
        ("own", "0.2"),
    ];
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .iter()
            .map(|&(name, scale)| {
                let (dir, py, version, runs) = (dir.path(), &py, &version, &runs);
                s.spawn(move || {
                    let own = (name == "own").then(|| {
                        let toml = dir.join("own.toml");
                        std::fs::write(&toml, OWN_SCENARIO).unwrap();
                        scenario_run(toml.to_str().unwrap(), &format!("3.{minor}")).expect("runs")
                    });
                    let source = match scenario::BUILTIN.iter().find(|(n, _)| *n == name) {
                        Some((_, source)) => source,
                        None => OWN_SCENARIO,
                    };
                    // The race as its scenario ran (see `scenario_run`).
                    let source = source.replace("1000000", RACE_TIMES);
                    let program = scenario::to_python(&source, name).expect("generates");
                    let file = dir.join(format!("{name}.py"));
                    std::fs::write(&file, &program).unwrap();
                    let mut cmd = Command::new(py);
                    cmd.arg(&file).arg(scale);
                    let ran = run(cmd, None, Duration::from_secs(30));
                    let sc = own.as_ref().or_else(|| runs[name].as_ref()).unwrap();
                    let tw = TWINS
                        .iter()
                        .find(|t| t.scenario == name)
                        .unwrap_or(&OWN_TWIN);
                    let mut wrong = Vec::new();
                    if ran.code != Some(0) {
                        wrong.push(format!("exit code {:?}: {}", ran.code, ran.stderr));
                    }
                    let lines_differ = name == "race"
                        || known(name).is_some_and(|k| k.excuses.contains(&Aspect::Lines));
                    let (want, got) = if lines_differ {
                        (masked(&sc.lines), masked(&ran.lines))
                    } else {
                        (sc.lines.clone(), ran.lines.clone())
                    };
                    if let Err(e) = same_lines(&want, &got, tw.may_lose) {
                        wrong.push(e);
                    }
                    if let Err(e) = (tw.order)(&ran.lines) {
                        wrong.push(e);
                    }
                    if wrong.is_empty() {
                        println!("{version}: the generated {name}.py prints what `{name}` prints");
                        None
                    } else {
                        Some(format!(
                            "generated {name}.py on CPython {version}: {}\n{program}",
                            wrong.join("; ")
                        ))
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}
