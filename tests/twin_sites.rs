//! The built-in scenarios' steps are where CPython says they are in their
//! twins: each twin is traced (short durations in argv), and every state
//! change the tracer gives a line of the twin for (a sleep, a start, a join,
//! a wait for a lock) must land on a line that `scenario::BUILTIN_SITES`
//! maps a step of that thread, of that kind, to; and every sleep and
//! thread start step's line must be seen so. Skipped, visibly, without python3.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::PathBuf;

use threadline::event::{EventKind, State};
use threadline::i18n::Lang;
use threadline::scenario::{self, Overrides, Step};
use threadline::trace::{self, TraceOptions};

/// The twin's file, and the argument that makes it quick.
fn twin(name: &str) -> (PathBuf, &'static str) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/python");
    let path = match name {
        "basic" | "daemon" | "join" => root.join("seed").join(format!("{name}.py")),
        _ => root.join(format!("{name}.py")),
    };
    let arg = match name {
        "race" => "2000",
        "stress" => "0.02",
        _ => "0.1",
    };
    (path, arg)
}

/// The state a step of this kind is seen in when it waits.
fn waits_as(step: &Step) -> Option<State> {
    match step {
        Step::Sleep(_) => Some(State::Sleeping),
        Step::Start(_) => Some(State::Starting),
        Step::Join(_) => Some(State::Joining),
        Step::Acquire(_) | Step::Warn { .. } => Some(State::WaitingLock),
        Step::Increment { lock: Some(_), .. } => Some(State::WaitingLock),
        _ => None,
    }
}

fn check(name: &str) -> Result<usize, Vec<String>> {
    let program = scenario::builtin(name, Overrides::default())
        .unwrap()
        .unwrap();
    let sites = scenario::builtin_sites(name).unwrap();
    let (path, arg) = twin(name);
    let file = format!("{name}.py");
    let command = vec![
        OsString::from("python3"),
        path.into_os_string(),
        OsString::from(arg),
    ];
    let t = trace::start(TraceOptions::new(command)).expect("python3 starts");
    let done = trace::plain::follow(t, true, Lang::En, &mut Vec::new()).expect("follow");
    let mut wrong = Vec::new();
    let mut seen: BTreeSet<(String, State, u32)> = BTreeSet::new();
    let mut checked = 0;
    for ev in &done.events {
        let EventKind::State { state, detail } = &ev.kind else {
            continue;
        };
        let Some(line) = detail
            .site
            .as_deref()
            .and_then(|s| s.strip_prefix(&format!("{file}:")))
            .and_then(|l| l.parse::<u32>().ok())
        else {
            continue;
        };
        let who = done.timeline.name_of(ev.thread);
        let Some(spec) = program.threads.iter().find(|t| t.name == who) else {
            continue; // a child process's own name (`process`)
        };
        if !matches!(
            state,
            State::Sleeping | State::Starting | State::Joining | State::WaitingLock
        ) {
            continue;
        }
        seen.insert((who.clone(), *state, line));
        checked += 1;
        let mapped: BTreeSet<u32> = spec
            .steps
            .iter()
            .zip(&spec.lines)
            .filter(|(s, _)| waits_as(s) == Some(*state))
            .filter_map(|(_, &l)| sites.line(l, *state == State::WaitingLock))
            .collect();
        if !mapped.contains(&line) {
            wrong.push(format!(
                "{name}: {who} {state:?} at {file}:{line}, mapped to {mapped:?}"
            ));
        }
    }
    for spec in &program.threads {
        if !seen.iter().any(|(w, _, _)| *w == spec.name) {
            continue; // not traced under its name
        }
        for (step, &l) in spec.steps.iter().zip(&spec.lines) {
            let Some(state @ (State::Sleeping | State::Starting)) = waits_as(step) else {
                continue;
            };
            // A process's start is no thread's start-up handshake: the
            // tracer sees no wait in it.
            if matches!(step, Step::Start(t) if program.threads[*t as usize].process) {
                continue;
            }
            let line = sites.line(l, false).unwrap_or(0);
            if !seen.contains(&(spec.name.clone(), state, line)) {
                wrong.push(format!(
                    "{name}: {}'s step {step:?} ({name}.toml:{l}) is mapped to {file}:{line}, \
                     never seen {state:?} there",
                    spec.name
                ));
            }
        }
    }
    if wrong.is_empty() {
        Ok(checked)
    } else {
        Err(wrong)
    }
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn every_builtins_steps_land_on_the_lines_cpython_reports() {
    let mut wrong = Vec::new();
    for name in scenario::builtin_names() {
        match check(name) {
            Ok(n) => assert!(n > 0, "{name}: no traced state change was checked"),
            Err(w) => wrong.extend(w),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
