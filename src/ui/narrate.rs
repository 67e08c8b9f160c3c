//! "What is happening": the present moment in plain words, and one
//! thread's history. Pure functions of the model.

use crate::event::{MAIN, Nanos, Outcome, State, to_secs};
use crate::i18n::{Lang, scenario_text};
use crate::look;
use crate::model::{Timeline, Track};
use crate::tr;

fn names<'a>(lang: Lang, tracks: impl Iterator<Item = &'a Track>) -> (usize, String) {
    let all: Vec<&str> = tracks.map(|t| t.name.as_str()).collect();
    let n = all.len();
    let mut shown = all.iter().take(4).copied().collect::<Vec<_>>().join(", ");
    if n > 4 {
        shown = tr!(lang, "and-more", shown = shown, more = n - 4);
    }
    (n, shown)
}

fn secs(t: Nanos) -> String {
    format!("{:.3}", to_secs(t))
}

/// A child process's end: its outcome's words, and its exitcode when it
/// is not 0 (with the signal's name when a known signal killed it).
fn process_end(t: &Track, o: Outcome, lang: Lang) -> String {
    let what = look::outcome(o, false).label(lang);
    let Some(code) = t.exit_code.filter(|&c| c != 0) else {
        return what;
    };
    let signal = match -code {
        libc::SIGKILL => "SIGKILL",
        libc::SIGTERM => "SIGTERM",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGINT => "SIGINT",
        _ => return tr!(lang, "summary-exitcode", outcome = what, code = code),
    };
    tr!(
        lang,
        "process-end-signal",
        outcome = what,
        code = code,
        signal = signal
    )
}

/// Sentences about the present moment. `note` is the scenario's own (in
/// English when it is a built-in's: it is said in `lang`).
pub fn present(tl: &Timeline, note: Option<&str>, gil: bool, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let Some(main) = tl.track(MAIN) else {
        out.push(tr!(lang, "narrate-starting"));
        return out;
    };
    if let Some((at, code)) = tl.process_exit {
        let (cut, cut_names) = names(lang, tl.ended_with(Outcome::CutShort));
        let (done, _) = names(
            lang,
            tl.ended_with(Outcome::Finished).filter(|t| t.id != MAIN),
        );
        out.push(tr!(lang, "narrate-exited", at = secs(at), code = code));
        if cut > 0 {
            out.push(tr!(lang, "narrate-cut", n = cut, names = cut_names));
        }
        if done > 0 {
            out.push(tr!(lang, "narrate-done", n = done));
        }
        for t in tl.ended_with(Outcome::Failed).filter(|t| t.is_process()) {
            out.push(tr!(
                lang,
                "process-died",
                name = t.label(),
                how = process_end(t, Outcome::Failed, lang)
            ));
        }
        out.extend(tl.outcome_sentences(gil).iter().map(|m| m.render(lang)));
        if let Some(n) = note {
            out.push(scenario_text(lang, n));
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
            let (n, who) = names(lang, tl.live_non_daemon());
            if n > 0 {
                out.push(tr!(lang, "narrate-waits-for", n = n, names = who));
            } else {
                out.push(tr!(lang, "narrate-exits-now"));
            }
            if !live_daemons.is_empty() {
                out.push(tr!(lang, "narrate-daemons-left", n = live_daemons.len()));
            }
        }
        Some(State::Joining(t)) => {
            out.push(tr!(lang, "narrate-main-joins", name = tl.name_of(t)));
        }
        Some(_) => {
            let started = tl
                .tracks()
                .iter()
                .filter(|t| t.id != MAIN && t.started().is_some())
                .count();
            out.push(tr!(lang, "narrate-main-runs", n = started));
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
        out.push(tr!(lang, "narrate-waiting-gil", n = gil));
    }
    let cpu = count(State::WaitingCpu);
    if cpu > 0 {
        out.push(tr!(lang, "narrate-waiting-cpu", n = cpu));
    }
    let sleeping = count(State::Sleeping);
    if sleeping > 0 {
        out.push(tr!(lang, "narrate-sleeping", n = sleeping));
    }
    out
}

/// One thread's life, span by span (the most recent `max` spans).
pub fn history(tl: &Timeline, id: u32, now: Nanos, max: usize, lang: Lang) -> Vec<String> {
    let Some(t) = tl.track(id) else {
        return Vec::new();
    };
    let created = secs(t.created);
    let mut out = vec![if let Some(pid) = t.pid {
        tr!(
            lang,
            "history-created-process",
            name = &t.name,
            pid = pid,
            at = created
        )
    } else if t.daemon {
        tr!(lang, "history-created-daemon", name = &t.name, at = created)
    } else {
        tr!(lang, "history-created", name = &t.name, at = created)
    }];
    let spans: Vec<_> = t.spans(now).collect();
    let skip = spans.len().saturating_sub(max);
    if skip > 0 {
        out.push(tr!(lang, "history-earlier", n = skip));
    }
    // Times right-aligned in 8 columns, so the words line up.
    let at = |t: Nanos| format!("{:>8.3}", to_secs(t));
    for s in &spans[skip..] {
        let what = match s.state {
            State::Joining(x) => tr!(lang, "history-joining", name = tl.name_of(x)),
            st => look::state(st).label(lang),
        };
        out.push(tr!(
            lang,
            "history-span",
            at = at(s.start),
            what = what,
            dur = secs(s.end - s.start)
        ));
    }
    match t.end {
        Some((end, o)) => out.push(tr!(
            lang,
            "history-end",
            at = at(end),
            what = if t.is_process() {
                process_end(t, o, lang)
            } else {
                look::outcome(o, id == MAIN).label(lang)
            }
        )),
        None if t.started().is_none() => out.push(tr!(
            lang,
            "history-not-started",
            what = look::not_started(lang)
        )),
        None => {}
    }
    out
}
