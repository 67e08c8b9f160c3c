//! "What is happening": the present moment in plain words, and one
//! thread's history. Pure functions of the model.

use crate::event::{MAIN, Nanos, Outcome, State, to_secs};
use crate::look;
use crate::model::{Timeline, Track};

fn names<'a>(tracks: impl Iterator<Item = &'a Track>) -> (usize, String) {
    let all: Vec<&str> = tracks.map(|t| t.name.as_str()).collect();
    let n = all.len();
    let mut shown = all.iter().take(4).copied().collect::<Vec<_>>().join(", ");
    if n > 4 {
        shown.push_str(&format!(" and {} more", n - 4));
    }
    (n, shown)
}

fn threads(n: usize) -> &'static str {
    if n == 1 { "thread" } else { "threads" }
}

/// ", killed by SIGKILL" for a negative exitcode of a known signal.
fn signal_words(code: Option<i32>) -> &'static str {
    match code.map(|c| -c) {
        Some(libc::SIGKILL) => " (killed by SIGKILL)",
        Some(libc::SIGTERM) => " (killed by SIGTERM)",
        Some(libc::SIGSEGV) => " (killed by SIGSEGV)",
        Some(libc::SIGINT) => " (interrupted by SIGINT)",
        _ => "",
    }
}

/// Sentences about the present moment.
pub fn present(tl: &Timeline, note: Option<&str>, gil: bool) -> Vec<String> {
    let mut out = Vec::new();
    let Some(main) = tl.track(MAIN) else {
        out.push("Starting the program…".into());
        return out;
    };
    if let Some((at, code)) = tl.process_exit {
        let (cut, cut_names) = names(tl.ended_with(Outcome::CutShort));
        let (done, _) = names(tl.ended_with(Outcome::Finished).filter(|t| t.id != MAIN));
        out.push(format!(
            "The process exited at {:.3} s with exit code {code}.",
            to_secs(at)
        ));
        if cut > 0 {
            out.push(format!(
                "{cut} daemon {} ({cut_names}) {} cut short at that instant, so {} end lines never print.",
                threads(cut),
                if cut == 1 { "was" } else { "were" },
                if cut == 1 { "its" } else { "their" },
            ));
        }
        if done > 0 {
            out.push(format!(
                "{done} {} finished before the exit.",
                threads(done)
            ));
        }
        for t in tl.ended_with(Outcome::Failed).filter(|t| t.is_process()) {
            out.push(format!(
                "{} died with exitcode {}{}: the parent's join() returned, and multiprocessing reports it failed.",
                t.label(),
                t.exit_code.unwrap_or(1),
                signal_words(t.exit_code),
            ));
        }
        out.extend(tl.outcome_sentences(gil));
        if let Some(n) = note {
            out.push(n.to_string());
        }
        return out;
    }
    let live_daemons: Vec<&Track> = tl
        .tracks()
        .iter()
        .filter(|t| t.daemon && t.is_alive())
        .collect();
    match main.current() {
        Some(State::WaitingAtExit) => {
            let (n, who) = names(tl.live_non_daemon());
            if n > 0 {
                out.push(format!(
                    "main's code has ended; the interpreter waits for {n} non-daemon {} ({who}) before the process can exit.",
                    threads(n)
                ));
            } else {
                out.push("main's code has ended and no non-daemon thread is left: the process exits now.".into());
            }
            if !live_daemons.is_empty() {
                out.push(format!(
                    "{} daemon {} still running: {} will be cut short the moment the last non-daemon thread ends.",
                    live_daemons.len(),
                    if live_daemons.len() == 1 { "thread is" } else { "threads are" },
                    if live_daemons.len() == 1 { "it" } else { "they" },
                ));
            }
        }
        Some(State::Joining(t)) => {
            out.push(format!(
                "main is blocked in join(): it waits until `{}` ends, and runs none of its own code meanwhile.",
                tl.name_of(t)
            ));
        }
        Some(_) => {
            let started = tl
                .tracks()
                .iter()
                .filter(|t| t.id != MAIN && t.started().is_some())
                .count();
            out.push(format!(
                "main is running its code; it has started {started} {} so far.",
                threads(started)
            ));
        }
        None => {}
    }
    let count = |s: State| {
        tl.tracks()
            .iter()
            .filter(|t| t.current() == Some(s))
            .count()
    };
    let gil = count(State::WaitingGil);
    if gil > 0 {
        out.push(format!(
            "{gil} {} for the GIL: only the thread holding it runs Python code.",
            if gil == 1 {
                "thread waits"
            } else {
                "threads wait"
            }
        ));
    }
    let cpu = count(State::WaitingCpu);
    if cpu > 0 {
        out.push(format!(
            "{cpu} {} for a CPU core: more threads want to run than the machine has cores.",
            if cpu == 1 {
                "thread waits"
            } else {
                "threads wait"
            }
        ));
    }
    let sleeping = count(State::Sleeping);
    if sleeping > 0 {
        out.push(format!(
            "{sleeping} {} sleeping in time.sleep(): a sleeping thread releases the GIL.",
            if sleeping == 1 {
                "thread is"
            } else {
                "threads are"
            }
        ));
    }
    out
}

/// One thread's life, span by span (the most recent `max` spans).
pub fn history(tl: &Timeline, id: u32, now: Nanos, max: usize) -> Vec<String> {
    let Some(t) = tl.track(id) else {
        return Vec::new();
    };
    let kind = match (t.pid, t.daemon) {
        (Some(pid), _) => format!(" (a child process, pid {pid})"),
        (None, true) => " (daemon)".to_string(),
        (None, false) => String::new(),
    };
    let mut out = vec![format!(
        "{}{kind}: created at {:.3} s",
        t.name,
        to_secs(t.created)
    )];
    let spans: Vec<_> = t.spans(now).collect();
    let skip = spans.len().saturating_sub(max);
    if skip > 0 {
        out.push(format!("… {skip} earlier spans"));
    }
    for s in &spans[skip..] {
        let what = match s.state {
            State::Joining(x) => format!("joining {}", tl.name_of(x)),
            st => look::state(st).label.to_string(),
        };
        out.push(format!(
            "{:>8.3} s  {what} for {:.3} s",
            to_secs(s.start),
            to_secs(s.end - s.start)
        ));
    }
    match t.end {
        Some((at, o)) => out.push(format!(
            "{:>8.3} s  {}{}",
            to_secs(at),
            look::outcome(o, id == MAIN).label,
            match t.exit_code.filter(|&c| c != 0) {
                Some(c) => format!(" with exitcode {c}{}", signal_words(Some(c))),
                None => String::new(),
            }
        )),
        None if t.started().is_none() => {
            out.push(format!("not started yet ({})", look::NOT_STARTED))
        }
        None => {}
    }
    out
}
