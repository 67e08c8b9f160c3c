//! `threadline trace --plain`: the program's output as it prints it, then
//! the same summary as `run --plain`. A deadlock that leaves nothing to go
//! on (every live thread waits for good) is reported and ends the program
//! (its whole process group); a ring of waits the rest of the program goes
//! on without is reported at the end if it stood until the process exited.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::event::{Event, EventKind, Stream};
use crate::i18n::Lang;
use crate::model::Timeline;
use crate::plain::{Finished, write_summary};
use crate::tr;

use super::Traced;

/// Follow `traced` to its end, writing its output as it comes (a piece of
/// a line, such as a prompt, at once), then the summary. SIGINT to
/// threadline is passed on to the program; SIGTERM stops it.
pub fn follow(
    mut traced: Traced,
    keep_events: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<Finished> {
    let interrupted = Arc::new(AtomicBool::new(false));
    let terminated = Arc::new(AtomicBool::new(false));
    let hooks = [
        signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&interrupted)),
        signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&terminated)),
    ];
    let mut done = Finished {
        timeline: Timeline::for_run(traced.run),
        ..Finished::default()
    };
    let mut result = Ok(());
    // A cycle of waits can only close with a wait on a holder; looking for
    // one walks every track, so it is done at most every 50 ms (a deadlock
    // stays: it is still there then), not after every event. So is the
    // look for a stall that has stood long enough to be called.
    let mut last_check = std::time::Instant::now();
    // Output the program wrote itself is not written again; whether it left
    // its last line unfinished is kept (the summary then starts below it).
    let direct = traced.stdout_direct;
    let mut left_open = false;
    let mut take = |ev: Event, done: &mut Finished, check_due: &mut bool, out: &mut dyn Write| {
        if let EventKind::Output { more, stream, .. } = &ev.kind
            && direct
            && *stream == Stream::Stdout
        {
            left_open = *more;
        }
        if let (EventKind::Output { text, more, stream }, Ok(()), false) =
            (&ev.kind, &result, done.output_closed)
            && !(direct && *stream == Stream::Stdout)
        {
            let written = out.write_all(text.as_bytes()).and_then(|()| {
                if *more {
                    out.flush()
                } else {
                    out.write_all(b"\n")
                }
            });
            match written {
                Err(e) if crate::plain::is_closed(&e) => done.output_closed = true,
                w => result = w,
            }
        }
        if let EventKind::State { state, detail } = &ev.kind
            && state.is_blocked()
            && detail.holder.is_some()
        {
            *check_due = true;
        }
        done.timeline.apply(&ev);
        if keep_events {
            done.events.push(ev);
        }
    };
    let mut check_due = false;
    // When the last batch came: a stall is called once the program's
    // clock has gone on that long past its last event with nothing new.
    let mut last_batch = std::time::Instant::now();
    loop {
        match traced.events.recv_timeout(Duration::from_millis(50)) {
            Ok(batch) => {
                last_batch = std::time::Instant::now();
                for ev in batch {
                    take(ev, &mut done, &mut check_due, out);
                }
            }
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                let _ = out.flush();
            }
        }
        if interrupted.swap(false, Ordering::SeqCst) {
            traced.interrupt();
        }
        if terminated.swap(false, Ordering::SeqCst) {
            traced.stop();
        }
        if done.output_closed && !traced.is_over() {
            // `… | head` has read what it wanted: the program goes, as it
            // would at its next write untraced; what it did is kept.
            traced.stop();
        }
        if last_check.elapsed() >= Duration::from_millis(50) {
            last_check = std::time::Instant::now();
            let quiet = u64::try_from(last_batch.elapsed().as_nanos()).unwrap_or(u64::MAX);
            let now = done.timeline.latest.saturating_add(quiet);
            check_due |= done.timeline.confirm_stall(now);
            if std::mem::take(&mut check_due)
                && done.deadlock.is_none()
                && let Some(c) = done.timeline.stuck()
            {
                done.deadlock = Some(c);
                traced.stop();
            }
        }
    }
    let status = traced.wait();
    for ev in traced.events.try_iter().flatten() {
        take(ev, &mut done, &mut check_due, out);
    }
    for id in hooks.into_iter().flatten() {
        signal_hook::low_level::unregister(id);
    }
    result?;
    done.timeline.dropped = traced.dropped();
    if !done.output_closed
        && let Err(e) = write_end(&done, left_open, lang, out)
    {
        if !crate::plain::is_closed(&e) {
            return Err(e);
        }
        done.output_closed = true;
    }
    done.code = status.as_ref().map_or(1, super::exit_code);
    Ok(done)
}

/// After the program's output (ended first if it left a line unfinished):
/// a blank line, the summary, how CPU-bound threads shared the processor
/// (from measured CPU time), lost events, the deadlock that ended it.
fn write_end(done: &Finished, open: bool, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    if open {
        writeln!(out)?;
    }
    writeln!(out)?;
    write_summary(&done.timeline, None, lang, out)?;
    for line in crate::explain::outcome(&done.timeline, done.timeline.has_gil(true)) {
        let said = line.render(lang);
        writeln!(out, "{}", crate::text::escape_lines(&said))?;
    }
    if done.timeline.dropped > 0 {
        writeln!(
            out,
            "{}",
            tr!(lang, "trace-dropped", n = done.timeline.dropped)
        )?;
    }
    done.write_deadlock(lang, out)?;
    out.flush()
}
