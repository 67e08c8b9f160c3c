//! Plain mode: the program's output as Python prints it, then a summary.
//! Names, titles and notes (which come from scenario files and
//! recordings) are escaped; the program's own output is not.

use std::io::{self, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::unbounded;

use crate::event::{Batch, Event, EventKind, Nanos, State, to_secs};
use crate::i18n::Lang;
use crate::look;
use crate::model::{Cycle, Output, Timeline};
use crate::runtime::{Run, RunOptions};
use crate::scenario::{Program, Words};
use crate::text::{escape, pad_left, pad_right, width};
use crate::tr;

pub mod compare;

/// A run that has ended: its model, every event it sent (when asked to
/// keep them), the deadlock that ended it if one did, and its exit code.
#[derive(Debug, Clone, Default)]
pub struct Finished {
    pub timeline: Timeline,
    pub events: Vec<Event>,
    pub deadlock: Option<Cycle>,
    pub code: i32,
    /// A thread entered a state that closed a cycle of waits (the cycle is
    /// looked for then, not after every event: that was a look at every
    /// thread per event).
    pub closed: bool,
    /// Standard output was a pipe that closed (`… | head`): the run was
    /// stopped there; what it recorded is still saved.
    pub output_closed: bool,
}

/// Whether `e` says standard output closed under us.
pub fn is_closed(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

impl Finished {
    /// Fold `ev` into the timeline (and keep it if `keep`), noting whether
    /// it closed a cycle of waits.
    pub fn take(&mut self, ev: Event, keep: bool) {
        self.timeline.apply(&ev);
        if matches!(ev.kind, EventKind::State { .. }) && self.timeline.in_deadlock(ev.thread) {
            self.closed = true;
        }
        if keep {
            self.events.push(ev);
        }
    }

    /// Call a stall a deadlock once it has stood, no event coming, for
    /// [`STALL_CONFIRM`](crate::model::STALL_CONFIRM) of wall time
    /// (`quiet`, since the last event): on a busy machine a woken thread
    /// may be slow to say so, at any speed.
    pub fn confirm_stall(&mut self, quiet: Duration) {
        let quiet = Nanos::try_from(quiet.as_nanos()).unwrap_or(Nanos::MAX);
        // Not called before then: no look at every thread while events come.
        if quiet < crate::model::STALL_CONFIRM {
            return;
        }
        let now = self.timeline.latest.saturating_add(quiet);
        if self.timeline.confirm_stall(now) {
            self.closed = true;
        }
    }

    /// The run's failure when it ended in a deadlock.
    pub fn deadlocked(&self) -> Result<(), crate::failure::Failure> {
        match &self.deadlock {
            Some(c) => Err(crate::failure::Failure::Deadlock(
                crate::explain::deadlock_ended(c),
            )),
            None => Ok(()),
        }
    }

    /// The deadlock that ended the run, named, if one did; else the ring
    /// of waits the program left behind, if one stood until it ended.
    pub fn write_deadlock(&self, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
        let out = &mut crate::text::Escaping::new(out);
        let said = match &self.deadlock {
            Some(c) => Some(crate::explain::deadlock(&self.timeline, c)),
            None => crate::explain::ring_left(&self.timeline),
        };
        match said {
            Some(m) => writeln!(out, "{}", m.render(lang)),
            None => Ok(()),
        }
    }
}

/// What the summary says besides the table.
pub struct Report<'a> {
    pub words: &'a Words,
    pub gil: bool,
    pub lang: Lang,
}

/// Writes output lines as they become final: a whole line with its
/// newline, a piece of one (a prompt) as soon as it comes; what a thread
/// wrote to stderr goes to stderr.
#[derive(Default)]
pub struct Printer {
    /// The last line fully written.
    done: Option<crate::model::Place>,
    /// Bytes of the next line already written (its open start).
    partial: usize,
}

impl Printer {
    /// Write the lines of `out` before `upto` (all of them when `None`).
    pub fn write(
        &mut self,
        out: &Output,
        upto: Option<Nanos>,
        w: &mut dyn Write,
    ) -> io::Result<()> {
        for (place, line) in out.after(self.done) {
            if upto.is_some_and(|u| line.at >= u) {
                break;
            }
            let mut err = std::io::stderr();
            let w: &mut dyn Write = if line.stream == crate::event::Stream::Stderr {
                &mut err
            } else {
                &mut *w
            };
            w.write_all(&line.text.as_bytes()[self.partial.min(line.text.len())..])?;
            if line.open && upto.is_some() {
                self.partial = line.text.len();
                break;
            }
            // A line still open at the very end had no newline: none is added.
            if !line.open {
                w.write_all(b"\n")?;
            }
            self.done = Some(place);
            self.partial = 0;
        }
        Ok(())
    }
}

/// Run `program` to its end, streaming its output lines to `out` in program
/// order, then write the summary. A deadlock ends the run: its report is
/// written and `deadlock` says what it was.
pub fn run(
    program: Arc<Program>,
    opts: RunOptions,
    keep_events: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<Finished> {
    let (tx, rx) = unbounded::<Batch>();
    let run = Run::start(Arc::clone(&program), opts, tx)?;
    let mut done = Finished {
        timeline: Timeline::for_run(run.id),
        ..Finished::default()
    };
    // Every line is held until it is written.
    done.timeline.output.hold();
    let take = |ev: Event, done: &mut Finished| done.take(ev, keep_events);
    let mut printer = Printer::default();
    let mut last_event = Instant::now();
    loop {
        // Read the watermark before draining: every line earlier than it
        // was sent before this moment, so the drain below has it.
        let over = run.is_over();
        let watermark = if over {
            None
        } else {
            Some(run.output_watermark())
        };
        for ev in rx.try_iter().flatten() {
            take(ev, &mut done);
            last_event = Instant::now();
        }
        let written = printer.write(&done.timeline.output, watermark, out);
        done.timeline.output.handed(printer.done);
        if let Err(e) = written.and_then(|()| out.flush()) {
            if !is_closed(&e) {
                return Err(e);
            }
            done.output_closed = true;
            run.stop();
            break;
        }
        if over {
            break;
        }
        done.confirm_stall(last_event.elapsed());
        if done.closed
            && let Some(cycle) = done.timeline.stuck()
        {
            run.stop();
            done.deadlock = Some(cycle);
            break;
        }
        if let Ok(batch) = rx.recv_timeout(Duration::from_millis(20)) {
            for ev in batch {
                take(ev, &mut done);
            }
            last_event = Instant::now();
        }
    }
    if done.deadlock.is_none() {
        run.wait();
    }
    for ev in rx.try_iter().flatten() {
        take(ev, &mut done);
    }
    done.code = done.timeline.process_exit.map_or(0, |(_, c)| c);
    if done.output_closed {
        return Ok(done);
    }
    let report = Report {
        words: &program.words,
        gil: program.gil,
        lang,
    };
    let written = printer
        .write(&done.timeline.output, None, out)
        .and_then(|()| write_report(&done.timeline, &report, out))
        .and_then(|()| done.write_deadlock(lang, out));
    match written {
        Err(e) if is_closed(&e) => done.output_closed = true,
        w => w?,
    }
    Ok(done)
}

/// A time in the summary, in the unit its sentences say (`0.050 s` in
/// English, the `seconds` message in every language).
fn secs_cell(t: Option<Nanos>, lang: Lang) -> String {
    t.map_or_else(
        || "-".to_string(),
        |t| tr!(lang, "seconds", t = format!("{:.3}", to_secs(t))),
    )
}

/// After the output lines: a blank line, the summary, the outcome in numbers.
pub fn write_report(
    timeline: &Timeline,
    report: &Report<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let out = &mut crate::text::Escaping::new(out);
    writeln!(out)?;
    write_summary(timeline, Some(report.words), report.lang, out)?;
    for line in crate::explain::outcome(timeline, report.gil) {
        writeln!(out, "{}", line.render(report.lang))?;
    }
    write_never_printed(timeline, report.lang, out)
}

/// `Never printed (cut short):` and one indented line per lost line, with
/// its thread and when it would have been printed (never mistakable for
/// what the program printed: that ended at the blank line).
pub fn write_never_printed(timeline: &Timeline, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let lost = timeline.ghost_lines();
    if lost.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", tr!(lang, "plain-never-printed"))?;
    let name_w = lost
        .iter()
        .map(|(t, _)| width(&escape(&timeline.name_of(*t))))
        .max()
        .unwrap_or(0);
    for (t, l) in lost {
        let name = escape(&timeline.name_of(t)).into_owned();
        writeln!(
            out,
            "  {}  {}  {}",
            pad_left(&secs_cell(Some(l.at), lang), 9),
            pad_right(&name, name_w),
            escape(&l.text)
        )?;
    }
    for m in crate::explain::silenced(timeline, lang) {
        writeln!(out, "{}", m.render(lang))?;
    }
    Ok(())
}

/// Every output line, then the report: what a finished run prints (replay).
pub fn write_finished(
    timeline: &Timeline,
    report: &Report<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    Printer::default().write(&timeline.output, None, out)?;
    write_report(timeline, report, out)
}

/// How a thread ended, for the summary's last column.
fn outcome_cell(tl: &Timeline, t: &crate::model::Track, lang: Lang) -> String {
    match (t.started(), t.outcome()) {
        (None, _) => look::not_started(lang),
        (_, Some(o)) => {
            let mut s = match t.exit_code().filter(|&c| c != 0) {
                Some(code) => tr!(
                    lang,
                    "summary-exitcode",
                    outcome = look::outcome(o, false).label(lang),
                    code = code
                ),
                None => crate::explain::end_words(tl, t, o, lang),
            };
            if let Some(r) = &t.raised() {
                s.push_str(&format!(" ({})", escape(&crate::explain::raised(r))));
            }
            s
        }
        (_, None) => look::state(t.current().unwrap_or(State::Running)).label(lang),
    }
}

/// The summary table, the exit line and the scenario's note (a built-in's
/// is said in `lang`). Columns line up by display width.
pub fn write_summary(
    timeline: &Timeline,
    words: Option<&Words>,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let out = &mut crate::text::Escaping::new(out);
    let header = [
        tr!(lang, "summary-thread"),
        tr!(lang, "summary-daemon"),
        tr!(lang, "summary-start"),
        tr!(lang, "summary-end"),
        tr!(lang, "summary-outcome"),
    ];
    let (yes, no) = (tr!(lang, "summary-yes"), tr!(lang, "summary-no"));
    let rows: Vec<[String; 5]> = timeline
        .tracks()
        .iter()
        .map(|t| {
            [
                escape(&t.label()).into_owned(),
                if t.daemon() { &yes } else { &no }.clone(),
                secs_cell(t.started(), lang),
                secs_cell(t.end().map(|(at, _)| at), lang),
                outcome_cell(timeline, t, lang),
            ]
        })
        .collect();
    let mut widths = header.each_ref().map(|h| width(h));
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(c));
        }
    }
    let line = |cells: &[String; 5]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else if (2..=3).contains(&i) {
                s.push_str(&pad_left(c, widths[i]));
                s.push_str("  ");
            } else {
                s.push_str(&pad_right(c, widths[i] + 2));
            }
        }
        s
    };
    writeln!(out, "{}", line(&header))?;
    for r in &rows {
        writeln!(out, "{}", line(r))?;
    }
    // Threadline ended the process (a deadlock, a quit).
    let ended = timeline.ended_by_us();
    match timeline.process_exit {
        Some((at, code)) => {
            let at = format!("{:.3}", to_secs(at));
            let said = if ended {
                tr!(lang, "process-ended", at = at, code = code)
            } else {
                tr!(lang, "process-exited", at = at, code = code)
            };
            writeln!(out, "{said}")?;
            if let Some(x) = &timeline.os_exit {
                writeln!(out, "{}", crate::explain::os_exit(timeline, x, lang))?;
            }
        }
        None => writeln!(out, "{}", tr!(lang, "process-not-exited"))?,
    }
    // The scenario's note speaks of the whole run: only once it has ended
    // (a recording of a run stopped early has no exit).
    if let Some(note) = words
        .and_then(|w| w.note(lang))
        .filter(|_| timeline.process_exit.is_some())
    {
        writeln!(
            out,
            "{}",
            tr!(lang, "summary-note", note = escape(&note).into_owned())
        )?;
    }
    Ok(())
}
