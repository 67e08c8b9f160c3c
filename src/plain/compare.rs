//! `threadline compare --plain`: both runs to their end in lockstep (one
//! clock), then each side's output and summary under its title line, then
//! what differs.

use std::io::{self, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, select, unbounded};

use super::{Finished, Printer, Report, write_report};
use crate::event::Batch;
use crate::explain::compare::{Heading, differences};
use crate::i18n::Lang;
use crate::model::Timeline;
use crate::runtime::{Run, RunOptions};
use crate::scenario::Program;
use crate::tr;

/// Run both programs in lockstep to their ends (a side that deadlocks is
/// stopped there, its cycle kept); every event kept when `keep`.
pub fn run(
    programs: &[Arc<Program>; 2],
    opts: [RunOptions; 2],
    keep: bool,
) -> io::Result<[Finished; 2]> {
    let (ta, ra) = unbounded::<Batch>();
    let (tb, rb) = unbounded::<Batch>();
    let runs = Run::pair(programs.clone(), opts, [ta, tb])?;
    let rx: [Receiver<Batch>; 2] = [ra, rb];
    let mut done = [0, 1].map(|i| Finished {
        timeline: Timeline::for_run(runs[i].id),
        ..Finished::default()
    });
    // Both outputs are written at the end: every line is kept until then.
    for d in &mut done {
        d.timeline.output.hold();
    }
    let mut last_event = [Instant::now(); 2];
    let take = |i: usize, batch: Batch, done: &mut [Finished; 2], last: &mut [Instant; 2]| {
        for ev in batch {
            done[i].take(ev, keep);
        }
        last[i] = Instant::now();
    };
    loop {
        // Over before the drain: then the drain has every event.
        let over = runs.iter().all(Run::is_over);
        for (i, r) in rx.iter().enumerate() {
            for batch in r.try_iter() {
                take(i, batch, &mut done, &mut last_event);
            }
        }
        if over {
            break;
        }
        for i in 0..2 {
            done[i].confirm_stall(last_event[i].elapsed());
            if done[i].deadlock.is_none()
                && done[i].closed
                && let Some(cycle) = done[i].timeline.stuck()
            {
                runs[i].stop();
                done[i].deadlock = Some(cycle);
            }
        }
        select! {
            recv(rx[0]) -> ev => if let Ok(ev) = ev { take(0, ev, &mut done, &mut last_event) },
            recv(rx[1]) -> ev => if let Ok(ev) = ev { take(1, ev, &mut done, &mut last_event) },
            default(Duration::from_millis(20)) => {},
        }
    }
    for f in &mut done {
        f.code = f.timeline.process_exit.map_or(0, |(_, c)| c);
    }
    Ok(done)
}

/// Each side under its title line (its output, then its summary), then
/// the differences.
pub fn write(
    done: &[Finished; 2],
    programs: &[Arc<Program>; 2],
    headings: &[Heading; 2],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    for i in 0..2 {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", headings[i].render(lang))?;
        Printer::default().write(&done[i].timeline.output, None, out)?;
        let report = Report {
            words: &programs[i].words,
            gil: programs[i].gil,
            lang,
        };
        write_report(&done[i].timeline, &report, out)?;
        done[i].write_deadlock(lang, out)?;
    }
    writeln!(out)?;
    write_differences(&done[0].timeline, &done[1].timeline, lang, out)
}

/// `Differences (A vs B):` and one line for each.
pub fn write_differences(
    a: &Timeline,
    b: &Timeline,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{}", tr!(lang, "compare-differences"))?;
    for m in differences(&crate::model::diff(a, b)) {
        writeln!(out, "  {}", m.render(lang))?;
    }
    Ok(())
}
