//! The scheduler's words (`s`): what each step did, who may take the next
//! one (by the mark beside its name), and why a thread cannot. Pure
//! functions of the stepper and the timeline.

use crate::event::{MAIN, Nanos, ThreadId, to_secs};
use crate::i18n::{Lang, Msg};
use crate::look;
use crate::model::Timeline;
use crate::stepper::{Did, Note, Refused, Status, Stepper};
use crate::text::escape;
use crate::{msg, tr};

/// A lock as the scheduler's sentences name it (the warnings module's in
/// the reader's words).
fn lock_arg(s: &Stepper, lock: usize) -> crate::i18n::Arg {
    crate::explain::on_words(&s.lock_words(lock))
}

/// How many of the last steps the narration tells.
pub const TOLD: usize = 4;

fn secs(t: Nanos) -> String {
    format!("{:.3}", to_secs(t))
}

fn ms(t: Nanos) -> String {
    format!("{:.1}", t as f64 / 1e6)
}

fn name(s: &Stepper, t: ThreadId) -> String {
    s.program()
        .threads
        .get(t as usize)
        .map_or_else(|| format!("#{t}"), |t| escape(&t.name).into_owned())
}

/// Why a thread cannot take a step.
pub fn refused(r: Refused, s: Option<&Stepper>) -> Msg {
    let (status, s) = match (r, s) {
        (Refused::Not(status), Some(s)) => (status, s),
        (Refused::Unknown, _) => return msg!("pick-why-unknown"),
        _ => return msg!("pick-why-over"),
    };
    match status {
        Status::Unborn => msg!("pick-why-unborn"),
        Status::Created => msg!("pick-why-created"),
        Status::Sleeping(until) => msg!("pick-why-sleeping", at = secs(until)),
        Status::Starting(c) => msg!("pick-why-starting", other = name(s, c)),
        Status::Joining(j) => msg!("pick-why-joining", other = name(s, j)),
        Status::Lock { lock, holder } => msg!(
            "pick-why-lock",
            lock = lock_arg(s, lock),
            other = name(s, holder)
        ),
        Status::AtExit => msg!("pick-why-at-exit"),
        Status::Ready | Status::Done => msg!("pick-why-done"),
    }
}

/// Distinct names, in order, joined.
fn names(s: &Stepper, ids: &[ThreadId]) -> String {
    let mut seen: Vec<ThreadId> = Vec::new();
    for &t in ids {
        if !seen.contains(&t) {
            seen.push(t);
        }
    }
    let all: Vec<String> = seen.iter().map(|&t| name(s, t)).collect();
    all.join(", ")
}

/// What step `n` did, in a sentence (and what came of it).
pub fn note(n: &Note, s: &Stepper, lang: Lang) -> String {
    let p = s.program();
    let who = name(s, n.thread);
    let counter = |c: usize| escape(&p.counters[c].name).into_owned();
    let other = |t: ThreadId| name(s, t);
    let mut text = match &n.did {
        Did::Began { starter: Some(st) } => {
            tr!(
                lang,
                "sched-began-starter",
                name = &who,
                starter = other(*st)
            )
        }
        Did::Began { starter: None } => tr!(lang, "sched-began", name = &who),
        Did::Printed(t) => tr!(
            lang,
            "sched-printed",
            name = &who,
            text = escape(t).into_owned()
        ),
        Did::Created(c) => tr!(lang, "sched-created", name = &who, other = other(*c)),
        Did::Started(c) => tr!(lang, "sched-started", name = &who, other = other(*c)),
        Did::Slept { until } => tr!(lang, "sched-slept", name = &who, at = secs(*until)),
        Did::Computed { ran, done, total } => tr!(
            lang,
            "sched-computed",
            name = &who,
            ran = ms(*ran),
            done = ms(*done),
            total = ms(*total)
        ),
        Did::Read {
            counter: c,
            value,
            call,
            lock,
        } => {
            let read = match lock {
                Some(l) => tr!(
                    lang,
                    "sched-read-lock",
                    name = &who,
                    lock = lock_arg(s, *l),
                    counter = counter(*c),
                    value = *value
                ),
                None => tr!(
                    lang,
                    "sched-read",
                    name = &who,
                    counter = counter(*c),
                    value = *value
                ),
            };
            if *call {
                tr!(lang, "sched-then-call", text = read, value = *value)
            } else {
                read
            }
        }
        Did::Wrote {
            counter: c,
            value,
            lost,
            lock,
        } => {
            let wrote = if lost.is_empty() {
                tr!(
                    lang,
                    "sched-wrote",
                    name = &who,
                    counter = counter(*c),
                    value = *value
                )
            } else {
                tr!(
                    lang,
                    "sched-wrote-lost",
                    name = &who,
                    counter = counter(*c),
                    value = *value,
                    others = names(s, lost),
                    n = lost.len()
                )
            };
            match lock.map(|l| lock_arg(s, l)) {
                Some(lock) => tr!(lang, "sched-then-release", text = wrote, lock = lock),
                None => wrote,
            }
        }
        Did::Updated {
            counter: c,
            read,
            lock,
        } => {
            let text = tr!(
                lang,
                "sched-updated",
                name = &who,
                counter = counter(*c),
                read = *read,
                value = read.saturating_add(1),
                python = p.python.name()
            );
            match lock.map(|l| lock_arg(s, l)) {
                Some(lock) => tr!(lang, "sched-under-lock", text = text, lock = lock),
                None => text,
            }
        }
        Did::LockWaits { lock, holder } => tr!(
            lang,
            "sched-lock-waits",
            name = &who,
            lock = lock_arg(s, *lock),
            other = other(*holder)
        ),
        Did::Acquired(l) => tr!(lang, "sched-acquired", name = &who, lock = lock_arg(s, *l)),
        Did::Released(l) => tr!(lang, "sched-released", name = &who, lock = lock_arg(s, *l)),
        Did::Joined(j) => tr!(lang, "sched-joined", name = &who, other = other(*j)),
        Did::JoinWaits(j) => tr!(lang, "sched-join-waits", name = &who, other = other(*j)),
        Did::Warned { shown: true } => tr!(lang, "sched-warned", name = &who),
        Did::Warned { shown: false } => tr!(lang, "sched-not-warned", name = &who),
        Did::Reported { counter: c, value } => tr!(
            lang,
            "sched-reported",
            name = &who,
            counter = counter(*c),
            value = *value
        ),
        Did::Exited { cut } if cut.is_empty() => tr!(lang, "sched-exited"),
        Did::Exited { cut } => tr!(lang, "sched-exited-cut", names = names(s, cut)),
    };
    let mut more = Vec::new();
    if n.ended {
        more.push(tr!(lang, "sched-ended", name = &who));
    }
    if n.code_ended {
        more.push(tr!(lang, "sched-code-ended"));
    }
    if !n.woke.is_empty() {
        more.push(tr!(lang, "sched-woke", names = names(s, &n.woke)));
    }
    if let Some(at) = n.skipped_to {
        more.push(tr!(lang, "sched-skipped", at = secs(at)));
    }
    for m in more {
        text = format!("{text} · {m}");
    }
    text
}

/// The scheduler's lines for the explanation pane: the last steps, then
/// who may take the next one, by the mark beside its name.
pub fn lines(s: &Stepper, tl: &Timeline, lang: Lang) -> Vec<String> {
    let notes = s.notes();
    let mut out = vec![tr!(lang, "sched-title", n = notes.len())];
    if notes.is_empty() {
        out.push(tr!(lang, "sched-first"));
    }
    for n in &notes[notes.len().saturating_sub(TOLD)..] {
        out.push(format!("{:>8} {}", secs(n.at), note(n, s, lang)));
    }
    let ready = s.ready();
    if s.is_over() {
        out.push(tr!(lang, "sched-over"));
    } else if ready.is_empty() {
        out.push(tr!(lang, "sched-none-ready"));
    } else {
        let rows = tl.tracks();
        let list: Vec<String> = ready
            .iter()
            .map(|&t| {
                let mark = rows
                    .iter()
                    .position(|r| r.id == t)
                    .map_or('?', |row| look::thread_mark(row, t == MAIN));
                format!("{mark} {}", name(s, t))
            })
            .collect();
        out.push(tr!(lang, "sched-ready", list = list.join(", ")));
        if s.program().gil {
            out.push(tr!(lang, "sched-drawn-gil"));
        } else {
            out.push(tr!(lang, "sched-drawn-cores"));
        }
    }
    out
}
