//! The words about a run's outcome, from the model's numbers: shared by the
//! dashboard's narration, the plain summary and the pictures. The model
//! gives data; this chooses the words (in any language, as [`Msg`]s).

use crate::event::{Outcome, Raised, State, ThreadId, to_secs};
use crate::i18n::{Lang, Msg};
use crate::look;
use crate::model::{CounterReport, CounterValue, CpuShare, Cycle, Timeline, Track};
use crate::{msg, tr};

pub mod compare;

/// How CPU-bound workers shared the processor, in words.
pub fn cpu_share(c: &CpuShare, gil: bool) -> Msg {
    let ratio = format!("{:.1}", c.ratio());
    let each = format!("{:.2}", to_secs(c.each));
    let wall = format!("{:.2}", to_secs(c.wall));
    let kind = match (c.processes, gil) {
        (true, _) => "processes",
        (false, true) => "gil",
        (false, false) => "no-gil",
    };
    msg!(
        "cpu-share",
        kind = kind,
        n = c.threads,
        ratio = ratio,
        each = each,
        wall = wall,
        at_once = c.at_once
    )
}

/// One counter's value against what no lost update gives, of the updates
/// made; and how many were never made, if any (no race lost those).
fn counter(c: &CounterValue) -> Msg {
    let said = counter_made(c);
    match c.missing {
        0 => said,
        n if n < 0 => said,
        n => msg!("counter-missing", said = said, missing = n),
    }
}

/// One counter's value against what the updates made give.
fn counter_made(c: &CounterValue) -> Msg {
    let expected = c.made();
    // In i128: any two i64 values have their difference.
    let lost = i128::from(expected) - i128::from(c.value);
    // A count Fluent can choose a plural for, unless it is beyond i64.
    let count = match i64::try_from(lost) {
        Ok(n) => crate::i18n::Arg::from(n),
        Err(_) => crate::i18n::Arg::from(lost.to_string()),
    };
    if lost < 0 {
        msg!(
            "counter-more",
            name = &c.name,
            expected = expected,
            value = c.value
        )
    } else if lost == 0 {
        msg!(
            "counter-kept",
            name = &c.name,
            expected = expected,
            value = c.value
        )
    } else {
        msg!(
            "counter-lost",
            name = &c.name,
            expected = expected,
            value = c.value,
            lost = count
        )
    }
}

fn counter_report(r: &CounterReport<'_>) -> Msg {
    match r {
        CounterReport::One(c) => counter(c),
        CounterReport::Processes { parent, children } => {
            if children.iter().all(|&v| v == children[0]) {
                msg!(
                    "counter-processes-same",
                    name = &parent.name,
                    parent = parent.value,
                    n = children.len(),
                    each = children[0],
                    threads = parent.expected
                )
            } else {
                let list: Vec<String> = children.iter().map(i64::to_string).collect();
                msg!(
                    "counter-processes",
                    name = &parent.name,
                    parent = parent.value,
                    values = list.join(", "),
                    threads = parent.expected
                )
            }
        }
    }
}

/// The outcome in numbers: shared counters if there are any, else how
/// CPU-bound workers shared the processor (processes: both).
pub fn outcome(tl: &Timeline, gil: bool) -> Vec<Msg> {
    let mut out: Vec<Msg> = tl.counter_reports().iter().map(counter_report).collect();
    let share = tl.cpu_share(tl.horizon(0));
    if let Some(c) = share.filter(|c| out.is_empty() || c.processes) {
        out.push(cpu_share(&c, gil));
    }
    out
}

/// A child process's end: its outcome's words, and its exitcode when it
/// is not 0 (with the signal's name when a known signal killed it).
pub fn process_end(t: &Track, o: Outcome, lang: Lang) -> String {
    let what = look::outcome(o, false).label(lang);
    let Some(code) = t.exit_code().filter(|&c| c != 0) else {
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

/// How a thread's life ended, in words: a child process with its
/// exitcode, main with the process's exit code when it is not 0 and main
/// ended without an exception (`sys.exit(3)`: "exited with code 3").
pub fn end_words(tl: &Timeline, t: &Track, o: Outcome, lang: Lang) -> String {
    if t.is_process() {
        return process_end(t, o, lang);
    }
    if t.id == crate::event::MAIN
        && o == Outcome::Finished
        && let Some((_, code)) = tl.process_exit.filter(|&(_, c)| c != 0)
    {
        return tr!(lang, "end-exited-code", code = code);
    }
    look::outcome(o, t.id == crate::event::MAIN).label(lang)
}

/// A thread's `os._exit`, in words: who called it, where, and that the
/// process ended there and then.
pub fn os_exit(tl: &Timeline, x: &crate::model::OsExit, lang: Lang) -> String {
    let name = crate::text::escape(&tl.name_of(x.thread)).into_owned();
    match &x.site {
        Some(site) => tr!(
            lang,
            "narrate-os-exit-at",
            name = name,
            site = site.as_str()
        ),
        None => tr!(lang, "narrate-os-exit", name = name),
    }
}

/// An exception as Python prints its last line, with where it was raised:
/// `ValueError: bad input (x.py:7)`.
pub fn raised(r: &Raised) -> String {
    let mut s = r.kind.clone();
    if !r.message.is_empty() {
        s.push_str(": ");
        s.push_str(&r.message);
    }
    if let Some(site) = &r.site {
        s.push_str(&format!(" ({site})"));
    }
    s
}

/// What a wait is on, in words: its object (`Lock vault (bank.py:2)`), or
/// for a join the thread it waits for.
pub fn waits_on(
    tl: &Timeline,
    state: State,
    detail: Option<crate::model::DetailView>,
) -> Option<Msg> {
    let d = detail?;
    if let Some(on) = d.on {
        return Some(msg!("wait-on", on = on_words(on)));
    }
    match (state, d.holder) {
        (State::Joining | State::Starting, Some(t)) => Some(msg!(
            "wait-join",
            name = crate::text::escape(&tl.name_of(t)).into_owned()
        )),
        _ => None,
    }
}

/// What a wait is on, as the views say it: the text the tracer or the
/// scenario gave, escaped; the warnings module's lock in the reader's words.
pub fn on_words(on: &str) -> crate::i18n::Arg {
    if on == crate::event::WARNINGS_ON {
        msg!("on-warnings").into()
    } else {
        crate::text::escape(on).into_owned().into()
    }
}

/// A deadlock, named: who holds what and waits for what.
pub fn deadlock(tl: &Timeline, c: &Cycle) -> Msg {
    use crate::i18n::Arg;
    use crate::model::{Kind, Link};
    let name = |t: ThreadId| crate::text::escape(&tl.name_of(t)).into_owned();
    let on = |l: &Link| tl.detail(l.waits).and_then(|d| d.on);
    let what = |l: &Link| -> Arg {
        match (on(l), l.holder) {
            (Some(on), _) => on_words(on),
            (None, Some(h)) => Arg::from(msg!("wait-join-short", name = name(h))),
            (None, None) => Arg::from(msg!("deadlock-something")),
        }
    };
    if c.kind == Kind::Ring {
        match c.links.as_slice() {
            [a] => return msg!("deadlock-self", name = name(a.thread), what = what(a)),
            [a, b] if on(a).is_some() && on(b).is_some() => {
                return msg!(
                    "deadlock-two",
                    a = name(a.thread),
                    b = name(b.thread),
                    a_waits = what(a),
                    b_waits = what(b)
                );
            }
            _ => {}
        }
    }
    let link = |l: &Link| match (l.state, on(l), l.holder) {
        (State::WaitingAtExit, ..) => msg!("deadlock-link-exit", name = name(l.thread)),
        // A stall's lock kept by a thread that ended (a ring left behind
        // was cut short with its holders: not this).
        (_, Some(_), Some(h))
            if c.kind == Kind::Stall && !tl.track(h).is_some_and(|t| t.is_alive()) =>
        {
            msg!(
                "deadlock-link-gone",
                name = name(l.thread),
                what = what(l),
                holder = name(h)
            )
        }
        (_, Some(_), Some(h)) => msg!(
            "deadlock-link",
            name = name(l.thread),
            what = what(l),
            holder = name(h)
        ),
        (_, None, Some(h)) => msg!(
            "deadlock-link-join",
            name = name(l.thread),
            holder = name(h)
        ),
        (_, _, None) => msg!("deadlock-link-alone", name = name(l.thread), what = what(l)),
    };
    let chain = c.links[1..]
        .iter()
        .fold(Arg::from(link(&c.links[0])), |acc, l| {
            Arg::from(msg!("deadlock-then", a = acc, b = link(l)))
        });
    match c.kind {
        Kind::Ring => msg!("deadlock-ring", n = c.links.len(), chain = chain),
        Kind::Stall => msg!("deadlock-stall", n = c.links.len(), chain = chain),
    }
}

/// The ring of waits the program left behind, named, with how it stood
/// until the process ended it, if the process ended itself so.
pub fn ring_left(tl: &Timeline) -> Option<Msg> {
    if tl.ended_by_us() {
        return None;
    }
    let c = tl.ring_left_at_end()?;
    let stood = msg!("deadlock-stood", n = c.links.len());
    Some(msg!(
        "deadlock-left",
        ring = deadlock(tl, &c),
        stood = stood
    ))
}

/// What `deadlock-ended` says of a deadlock that ended the program.
pub fn deadlock_ended(c: &Cycle) -> Msg {
    match c.kind {
        crate::model::Kind::Ring => msg!("deadlock-ended", n = c.links.len()),
        crate::model::Kind::Stall => msg!("deadlock-ended-stall", n = c.links.len()),
    }
}

/// What a thread cut short would still have done, in words: "would have
/// slept until 3.001 s and printed `sub thread end    thread 0`".
pub fn ghost(t: &Track) -> Option<Msg> {
    let g = t.ghost()?;
    let rest = g.spans.first().map(|s| {
        let until = format!("{:.3}", to_secs(s.end));
        match s.state {
            State::Sleeping => msg!("ghost-slept", until = until),
            State::BlockedIo | State::Waiting | State::WaitingLock | State::Joining => {
                msg!("ghost-blocked", until = until)
            }
            _ => msg!("ghost-ran", until = until),
        }
    });
    let printed = g.lines.first().map(|l| {
        let line = format!("`{}`", crate::text::escape(&l.text));
        match g.lines.len() - 1 {
            0 => msg!("ghost-printed", line = line),
            more => msg!("ghost-printed-more", line = line, n = more),
        }
    });
    Some(match (rest, printed) {
        (Some(r), Some(p)) => msg!("ghost-would", what = msg!("ghost-and", a = r, b = p)),
        (Some(r), None) => msg!("ghost-would-rest", what = r),
        (None, Some(p)) => msg!("ghost-would", what = p),
        (None, None) => return None,
    })
}

/// The threads the exit silenced before they printed anything, each with
/// what held it back ("thread 0 printed nothing: at the exit it was still
/// blocked I/O (sys.stderr: DeprecationWarning); its first line
/// would have come at 0.006 s").
pub fn silenced(tl: &Timeline, lang: Lang) -> Vec<Msg> {
    let mut cut = tl
        .tracks()
        .iter()
        .filter(|t| t.ghost().is_some_and(|g| !g.lines.is_empty()))
        .peekable();
    if cut.peek().is_none() {
        return Vec::new();
    }
    cut.filter_map(|t| {
        let g = t.ghost()?;
        let first = g.lines.first()?;
        let (end, _) = t.end()?;
        if tl.output.printed(t.id) {
            return None;
        }
        let span = t.span_at(end.saturating_sub(1), end)?;
        let mut state = look::state(span.state).label(lang);
        if let Some(on) = tl.detail(span.detail).and_then(|d| d.on) {
            state = format!(
                "{state} ({})",
                msg!("wait-on", on = on_words(on)).render(lang)
            );
        }
        Some(msg!(
            "silenced",
            name = crate::text::escape(&t.name).into_owned(),
            state = state,
            at = format!("{:.3}", to_secs(first.at))
        ))
    })
    .collect()
}

/// What the exit took away from the threads it cut short: how many lines
/// never printed, and how much sleep they lost.
pub fn lost(tl: &Timeline) -> Option<Msg> {
    let cut: Vec<&Track> = tl.tracks().iter().filter(|t| t.ghost().is_some()).collect();
    let lines: usize = cut
        .iter()
        .filter_map(|t| t.ghost())
        .map(|g| g.lines.len())
        .sum();
    let sleep: crate::event::Nanos = cut
        .iter()
        .filter_map(|t| t.ghost())
        .map(|g| g.time_in(State::Sleeping))
        .sum();
    if lines == 0 && sleep == 0 {
        return None;
    }
    let daemons = cut.iter().all(|t| t.daemon());
    let who = if daemons { "daemons" } else { "threads" };
    Some(if sleep > 0 {
        msg!(
            "lost-lines-sleep",
            n = lines,
            who = who,
            sleep = format!("{:.1}", to_secs(sleep))
        )
    } else {
        msg!("lost-lines", n = lines)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::WARNINGS_ON;
    use crate::model::DetailView;

    fn said(on: &str, lang: Lang) -> String {
        let d = DetailView {
            on: Some(on),
            holder: None,
            site: None,
            forever: false,
        };
        waits_on(&Timeline::new(), State::WaitingLock, Some(d))
            .expect("a wait on something")
            .render(lang)
    }

    #[test]
    fn the_warnings_lock_is_said_in_the_readers_language() {
        assert_eq!(said(WARNINGS_ON, Lang::En), "the warnings module");
        let ko = said(WARNINGS_ON, Lang::Ko);
        assert!(ko.contains("모듈") && !ko.contains("the"), "{ko}");
    }

    #[test]
    fn other_waits_keep_the_words_they_came_with() {
        for lang in Lang::ALL {
            assert_eq!(
                said("Lock vault (bank.py:2)", lang),
                "Lock vault (bank.py:2)"
            );
        }
    }
}
