//! Plain mode: the program's output as Python prints it, then a summary.

use std::io::{self, Write};
use std::sync::Arc;
use std::time::Duration;

use crossbeam_channel::unbounded;
use unicode_width::UnicodeWidthStr;

use crate::event::{Event, MAIN, Nanos, to_secs};
use crate::i18n::{Lang, pad_left, pad_right, scenario_text};
use crate::look;
use crate::model::Timeline;
use crate::runtime::{Run, RunOptions};
use crate::scenario::Program;
use crate::tr;

/// A run that has ended: its model and every event it sent, in arrival order.
#[derive(Debug, Clone, Default)]
pub struct Finished {
    pub timeline: Timeline,
    pub events: Vec<Event>,
}

/// Run `program` to its end, streaming its output lines to `out` in program
/// order, then write the summary.
pub fn run(
    program: Arc<Program>,
    opts: RunOptions,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<Finished> {
    let (tx, rx) = unbounded::<Event>();
    let run = Run::start(Arc::clone(&program), opts, tx);
    let mut timeline = Timeline::for_run(run.id);
    let mut events = Vec::new();
    let mut take = |ev: Event, timeline: &mut Timeline| {
        timeline.apply(&ev);
        events.push(ev);
    };
    let mut printed = 0usize;
    loop {
        // Read the watermark before draining: every line earlier than it
        // was sent before this moment, so the drain below has it.
        let over = run.is_over();
        let watermark = if over {
            Nanos::MAX
        } else {
            run.output_watermark()
        };
        for ev in rx.try_iter() {
            take(ev, &mut timeline);
        }
        while let Some(line) = timeline
            .output
            .get(printed)
            .filter(|l| l.at < watermark || over)
        {
            writeln!(out, "{}", line.text)?;
            printed += 1;
        }
        out.flush()?;
        if over {
            break;
        }
        if let Ok(ev) = rx.recv_timeout(Duration::from_millis(20)) {
            take(ev, &mut timeline);
        }
    }
    run.wait();
    for ev in rx.try_iter() {
        take(ev, &mut timeline);
    }
    for line in &timeline.output[printed..] {
        writeln!(out, "{}", line.text)?;
    }
    write_report(&timeline, program.note.as_deref(), program.gil, lang, out)?;
    Ok(Finished { timeline, events })
}

fn secs_cell(t: Option<Nanos>) -> String {
    t.map_or_else(|| "-".to_string(), |t| format!("{:.3} s", to_secs(t)))
}

/// After the output lines: a blank line, the summary, the outcome in numbers.
pub fn write_report(
    timeline: &Timeline,
    note: Option<&str>,
    gil: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out)?;
    write_summary(timeline, note, lang, out)?;
    for line in timeline.outcome_sentences(gil) {
        writeln!(out, "{}", line.render(lang))?;
    }
    Ok(())
}

/// Every output line, then the report: what a finished run prints (replay).
pub fn write_finished(
    timeline: &Timeline,
    note: Option<&str>,
    gil: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    for line in &timeline.output {
        writeln!(out, "{}", line.text)?;
    }
    write_report(timeline, note, gil, lang, out)
}

/// The summary table, the exit line and the scenario's note (a built-in's
/// note is said in `lang`). Columns line up by display width.
pub fn write_summary(
    timeline: &Timeline,
    note: Option<&str>,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
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
            let outcome = match (t.started(), t.outcome()) {
                (None, _) => look::not_started(lang),
                (_, Some(o)) => match t.exit_code.filter(|&c| c != 0) {
                    Some(code) => tr!(
                        lang,
                        "summary-exitcode",
                        outcome = look::outcome(o, false).label(lang),
                        code = code
                    ),
                    None => look::outcome(o, t.id == MAIN).label(lang),
                },
                (_, None) => look::state(crate::event::State::Running).label(lang),
            };
            [
                t.name.clone(),
                if t.daemon { &yes } else { &no }.clone(),
                secs_cell(t.started()),
                secs_cell(t.end.map(|(at, _)| at)),
                outcome,
            ]
        })
        .collect();
    let mut widths = header.each_ref().map(|h| h.width());
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: [&str; 5]| -> String {
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
    writeln!(
        out,
        "{}",
        line([&header[0], &header[1], &header[2], &header[3], &header[4]])
    )?;
    for r in &rows {
        writeln!(out, "{}", line([&r[0], &r[1], &r[2], &r[3], &r[4]]))?;
    }
    match timeline.process_exit {
        Some((at, code)) => writeln!(
            out,
            "{}",
            tr!(
                lang,
                "process-exited",
                at = format!("{:.3}", to_secs(at)),
                code = code
            )
        )?,
        None => writeln!(out, "{}", tr!(lang, "process-not-exited"))?,
    }
    if let Some(note) = note {
        let note = scenario_text(lang, note);
        writeln!(out, "{}", tr!(lang, "summary-note", note = note))?;
    }
    Ok(())
}
