//! "What is happening": the present moment in plain words, and one
//! thread's history. Pure functions of the model.

use crate::event::{MAIN, Nanos, Outcome, State, to_secs};
use crate::explain::{self, process_end};
use crate::i18n::Lang;
use crate::look;
use crate::model::{Timeline, Track};
use crate::scenario::Words;
use crate::text::escape;
use crate::tr;
use crate::ui::session::code::Code;

/// How many threads, and their names: five in full (a fifth name takes
/// the room "and 1 more" would), past that four and how many more.
fn names<'a>(lang: Lang, tracks: impl Iterator<Item = &'a Track>) -> (usize, String) {
    let all: Vec<String> = tracks.map(|t| escape(&t.name).into_owned()).collect();
    let n = all.len();
    let named = if n > 5 { 4 } else { n };
    let mut shown = all[..named].join(", ");
    if n > named {
        shown = tr!(lang, "and-more", shown = shown, more = n - named);
    }
    (n, shown)
}

fn secs(t: Nanos) -> String {
    format!("{:.3}", to_secs(t))
}

/// Sentences about the present moment; at the end, the scenario's own note.
pub fn present(tl: &Timeline, words: &Words, gil: bool, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let Some(main) = tl.track(MAIN) else {
        out.push(tr!(lang, "narrate-starting"));
        return out;
    };
    if let Some((at, code)) = tl.process_exit {
        // The thread that called `os._exit` stopped by its own call: its
        // sentence says so, and it is not counted among those cut short.
        let caller = tl.os_exit.as_ref().map(|x| x.thread);
        let cut_short = || {
            tl.ended_with(Outcome::CutShort)
                .filter(move |t| Some(t.id) != caller)
        };
        let (cut, cut_names) = names(lang, cut_short());
        // Threads and child processes are counted apart: a process's row
        // is not a thread.
        let finished = |process: bool| {
            tl.ended_with(Outcome::Finished)
                .filter(move |t| t.id != MAIN && t.is_process() == process)
                .count()
        };
        let (done, processes_done) = (finished(false), finished(true));
        out.push(tr!(lang, "narrate-exited", at = secs(at), code = code));
        if let Some(x) = &tl.os_exit {
            out.push(explain::os_exit(tl, x, lang));
        }
        if cut > 0 {
            // Daemons go at the exit; other threads with the process
            // (`os._exit`, a signal), or when threadline ended it (then main
            // was cut short too).
            let daemons = cut_short().all(|t| t.daemon());
            let ended = tl.ended_by_us();
            // "Their end lines never print" only where each had one left
            // to print (what the model knows it would still have done).
            let lines_lost = cut_short().all(|t| t.ghost().is_some_and(|g| !g.lines.is_empty()));
            out.push(if daemons && lines_lost {
                tr!(lang, "narrate-cut", n = cut, names = cut_names)
            } else if daemons {
                tr!(lang, "narrate-cut-daemons", n = cut, names = cut_names)
            } else if ended {
                tr!(lang, "narrate-cut-ended", n = cut, names = cut_names)
            } else {
                tr!(lang, "narrate-cut-exit", n = cut, names = cut_names)
            });
        }
        if let Some(m) = explain::lost(tl) {
            out.push(m.render(lang));
        }
        out.extend(explain::silenced(tl, lang).iter().map(|m| m.render(lang)));
        if done > 0 {
            out.push(tr!(lang, "narrate-done", n = done));
        }
        if processes_done > 0 {
            out.push(tr!(lang, "narrate-done-processes", n = processes_done));
        }
        out.extend(failures(tl, lang));
        if let Some(c) = tl.deadlock() {
            out.push(explain::deadlock(tl, &c).render(lang));
        } else if let Some(m) = explain::ring_left(tl) {
            out.push(m.render(lang));
        }
        out.extend(explain::outcome(tl, gil).iter().map(|m| m.render(lang)));
        if let Some(n) = words.note(lang) {
            out.push(escape(&n).into_owned());
        }
        return out;
    }
    let live_daemons: Vec<&Track> = tl
        .tracks()
        .iter()
        .filter(|t| t.daemon() && t.is_alive())
        .collect();
    let code_ended = tl.main_code_end.is_some();
    match main.current() {
        // After main's code: waiting at exit, or (nothing to wait for)
        // finalizing on the way out.
        Some(_) if code_ended => {
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
        Some(State::Joining) => {
            let on = tl.detail(main.current_detail()).and_then(|d| d.holder);
            let name = on.map_or_else(String::new, |t| escape(&tl.name_of(t)).into_owned());
            out.push(tr!(lang, "narrate-main-joins", name = name));
        }
        Some(s) => {
            let started = tl
                .tracks()
                .iter()
                .filter(|t| t.id != MAIN && t.started().is_some())
                .count();
            // Running it, or in start() (a step of it): main runs its code.
            // Asleep, blocked or only ready to run (the GIL, a core), it does
            // not run it now, and the row says the same.
            if !matches!(s, State::Running | State::Starting) {
                let why = look::state(s).meaning(lang);
                out.push(tr!(lang, "narrate-main-waits", n = started, why = why));
            } else {
                out.push(tr!(lang, "narrate-main-runs", n = started));
            }
        }
        None => {}
    }
    // A thread that failed meanwhile: what it raised, as it happened.
    out.extend(failures(tl, lang));
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
    if let Some(c) = tl.deadlock() {
        out.push(explain::deadlock(tl, &c).render(lang));
    }
    out
}

/// The threads that failed so far, each with what it raised (type,
/// message, where) or, for a child process, how it died.
fn failures(tl: &Timeline, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for t in tl.ended_with(Outcome::Failed) {
        if t.is_process() {
            out.push(tr!(
                lang,
                "process-died",
                name = escape(&t.label()).into_owned(),
                how = process_end(t, Outcome::Failed, lang)
            ));
        }
        if let Some(r) = &t.raised() {
            out.push(tr!(
                lang,
                "narrate-raised",
                name = escape(&t.name).into_owned(),
                raised = escape(&explain::raised(r)).into_owned()
            ));
        }
    }
    out
}

/// One thread's life, span by span: `max` spans, ending `back` spans
/// before its last (0: the most recent), with how many are left out. A
/// span's site is said as a line of `code` when it is one (a scenario's
/// step as its twin's line, as the code pane marks it).
pub fn history(
    tl: &Timeline,
    id: u32,
    now: Nanos,
    (max, back): (usize, usize),
    code: Option<&Code>,
    lang: Lang,
) -> Vec<String> {
    let Some(t) = tl.track(id) else {
        return Vec::new();
    };
    let created = secs(t.created());
    let mut out = vec![if let Some(pid) = t.pid() {
        tr!(
            lang,
            "history-created-process",
            name = escape(&t.name).into_owned(),
            pid = pid,
            at = created
        )
    } else if t.daemon() {
        tr!(
            lang,
            "history-created-daemon",
            name = escape(&t.name).into_owned(),
            at = created
        )
    } else {
        tr!(
            lang,
            "history-created",
            name = escape(&t.name).into_owned(),
            at = created
        )
    }];
    // Only the spans shown are read (main may have tens of thousands).
    let count = t.span_count();
    let end = count.saturating_sub(back);
    let skip = end.saturating_sub(max);
    if skip > 0 {
        out.push(tr!(lang, "history-earlier", n = skip));
    }
    // Times right-aligned in 8 columns, so the words line up.
    let at = |t: Nanos| format!("{:>8.3}", to_secs(t));
    let shown: Vec<_> = t
        .spans(now)
        .rev()
        .skip(count - end)
        .take(end - skip)
        .collect();
    for s in shown.into_iter().rev() {
        let detail = tl.detail(s.detail);
        let mut what = look::state(s.state).label(lang);
        if let Some(on) = explain::waits_on(tl, s.state, detail) {
            what = tr!(lang, "history-state-on", state = what, on = on);
        }
        if let Some(h) = detail
            .and_then(|d| d.holder)
            .filter(|_| !matches!(s.state, State::Joining | State::Starting))
        {
            let holder = escape(&tl.name_of(h)).into_owned();
            what = format!("{what}, {}", tr!(lang, "history-held-by", name = holder));
        }
        if let Some(site) = detail.and_then(|d| d.site) {
            let waiting_lock = s.state == State::WaitingLock;
            let site = code
                .and_then(|c| Some(format!("{}:{}", c.file, c.line_of(site, waiting_lock)?)))
                .unwrap_or_else(|| site.to_string());
            what = format!("{what} @ {}", escape(&site));
        }
        out.push(tr!(
            lang,
            "history-span",
            at = at(s.start),
            what = what,
            dur = secs(s.end - s.start)
        ));
    }
    if end < count {
        out.push(tr!(lang, "history-later", n = count - end));
    }
    match t.end() {
        Some((end, o)) => {
            out.push(tr!(
                lang,
                "history-end",
                at = at(end),
                what = explain::end_words(tl, t, o, lang)
            ));
            if let Some(r) = &t.raised() {
                let raised = escape(&explain::raised(r)).into_owned();
                out.push(format!(
                    "  {}",
                    tr!(lang, "history-raised", raised = raised)
                ));
            }
            if let Some(g) = explain::ghost(t) {
                out.push(format!("  {}", g.render(lang)));
            }
        }
        None if t.started().is_none() => out.push(tr!(
            lang,
            "history-not-started",
            what = look::not_started(lang)
        )),
        None => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Event, EventKind};

    /// main and a worker (not a daemon) live, then the process exits with
    /// `code`, main ending with `main_end`.
    fn ended(main_end: Outcome, code: i32) -> Timeline {
        let ev = |at, thread, kind| Event::new(1, at, thread, kind);
        let spawn = |t: u32, name: &str| EventKind::Spawned {
            name: name.into(),
            daemon: false,
            parent: (t > 0).then_some(0),
        };
        Timeline::from_events(&[
            ev(0, 0, spawn(0, "main")),
            ev(0, 0, EventKind::state(State::Running)),
            ev(1, 1, spawn(1, "worker")),
            ev(1, 1, EventKind::state(State::Sleeping)),
            ev(9, 1, EventKind::ended(Outcome::CutShort)),
            ev(9, 0, EventKind::ended(main_end)),
            ev(9, 0, EventKind::ProcessExit { code }),
        ])
    }

    fn said(tl: &Timeline) -> String {
        present(tl, &Words::default(), true, Lang::En).join(" ")
    }

    #[test]
    fn threads_cut_short_are_called_daemons_only_when_they_are() {
        let by_us = said(&ended(Outcome::CutShort, 143));
        assert!(
            by_us.contains("2 threads (main, worker) were cut short at that instant: threadline ended the process."),
            "{by_us}"
        );
        // A daemon of a traced program: what it would still have printed
        // is not known, so no word of its end line.
        let mut tl = ended(Outcome::Finished, 0);
        tl.apply(&Event::new(1, 0, 1, EventKind::Daemon { daemon: true }));
        let daemon = said(&tl);
        assert!(
            daemon.contains("1 daemon thread (worker) was cut short at that instant.")
                && !daemon.contains("end line"),
            "{daemon}"
        );
        let os_exit = said(&ended(Outcome::Finished, 0));
        assert!(
            os_exit.contains(
                "1 thread (worker) was cut short at that instant: the process ended while it ran."
            ),
            "{os_exit}"
        );
        assert!(!by_us.contains("daemon") && !os_exit.contains("daemon"));
    }

    #[test]
    fn child_processes_that_finished_are_not_called_threads() {
        let mut tl = ended(Outcome::Finished, 0);
        let spawn = EventKind::Spawned {
            name: "process (7)".into(),
            daemon: false,
            parent: Some(0),
        };
        for (at, kind) in [(2, spawn), (2, EventKind::Process { pid: 7 })] {
            tl.apply(&Event::new(1, at, 2, kind));
        }
        tl.apply(&Event::new(1, 5, 2, EventKind::ended(Outcome::Finished)));
        let s = said(&tl);
        assert!(
            s.contains("1 child process finished before the exit."),
            "{s}"
        );
        assert!(!s.contains("thread finished"), "{s}");
    }

    #[test]
    fn who_called_os_exit_is_named_and_not_counted_as_cut_short() {
        let ev = |at, thread, kind| Event::new(1, at, thread, kind);
        let mut tl = ended(Outcome::CutShort, 4);
        tl.apply(&ev(
            8,
            1,
            EventKind::OsExit {
                site: Some("x.py:4".into()),
            },
        ));
        let said = said(&tl);
        assert!(
            said.contains("worker called os._exit at x.py:4: the process ended at once")
                && said.contains(
                    "1 thread (main) was cut short at that instant: the process ended while it ran."
                ),
            "{said}"
        );
        assert!(!said.contains("threadline ended"), "{said}");
    }

    #[test]
    fn a_ring_the_process_ended_is_named_only_if_it_ended_itself() {
        use crate::event::Detail;
        let ev = |at, thread, kind| Event::new(1, at, thread, kind);
        // Two daemons joining each other, cut short by main's exit.
        let left = |code| {
            let join = |holder| {
                let d = Detail {
                    holder: Some(holder),
                    ..Detail::default()
                };
                EventKind::state_with(State::Joining, d)
            };
            let mut events = Vec::new();
            for (t, name) in [(0, "main"), (1, "a"), (2, "b")] {
                let kind = EventKind::Spawned {
                    name: name.into(),
                    daemon: t > 0,
                    parent: (t > 0).then_some(0),
                };
                events.extend([ev(0, t, kind), ev(1, t, EventKind::state(State::Running))]);
            }
            events.extend([ev(2, 1, join(2)), ev(3, 2, join(1))]);
            for t in [1, 2] {
                events.push(ev(9, t, EventKind::ended(Outcome::CutShort)));
            }
            let main_end = if code == 0 {
                Outcome::Finished
            } else {
                Outcome::CutShort
            };
            events.push(ev(9, 0, EventKind::ended(main_end)));
            events.push(ev(9, 0, EventKind::ProcessExit { code }));
            Timeline::from_events(&events)
        };
        let itself = said(&left(0));
        assert!(
            itself.contains("Deadlock: 2 threads wait on each other in a ring")
                && itself.contains("The rest of the program went on without them"),
            "{itself}"
        );
        let by_us = said(&left(143));
        assert!(!by_us.contains("went on without them"), "{by_us}");
    }

    #[test]
    fn main_blocked_or_asleep_is_not_said_to_run_its_code() {
        let ev = |at, thread, kind| Event::new(1, at, thread, kind);
        let mut tl = Timeline::from_events(&[
            ev(
                0,
                0,
                EventKind::Spawned {
                    name: "main".into(),
                    daemon: false,
                    parent: None,
                },
            ),
            ev(0, 0, EventKind::state(State::Running)),
            ev(
                1,
                1,
                EventKind::Spawned {
                    name: "holder".into(),
                    daemon: false,
                    parent: Some(0),
                },
            ),
            ev(1, 1, EventKind::state(State::Sleeping)),
        ]);
        assert!(said(&tl).contains("main is running its code; it has started 1 thread so far."));
        tl.apply(&ev(2, 0, EventKind::state(State::WaitingLock)));
        let blocked = said(&tl);
        assert!(
            blocked.contains("main is not running its code now (blocked acquiring a lock")
                && blocked.contains("it has started 1 thread so far.")
                && !blocked.contains("main is running its code"),
            "{blocked}"
        );
        tl.apply(&ev(3, 0, EventKind::state(State::Sleeping)));
        assert!(said(&tl).contains("main is not running its code now (in time.sleep"));
        tl.apply(&ev(4, 0, EventKind::state(State::WaitingGil)));
        let ready = said(&tl);
        assert!(
            ready.contains(
                "main is not running its code now (ready to run, but another thread holds the GIL)"
            ),
            "{ready}"
        );
        tl.apply(&ev(5, 0, EventKind::state(State::Running)));
        assert!(said(&tl).contains("main is running its code;"));
    }
}
