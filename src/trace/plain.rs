//! `threadline trace --plain`: the program's output as it prints it, then
//! the same summary as `run --plain`.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::event::{Event, EventKind};
use crate::i18n::Lang;
use crate::model::Timeline;
use crate::plain::write_summary;
use crate::tr;

use super::Traced;

/// A traced program that has ended: its model, its events, its exit code.
#[derive(Debug)]
pub struct Finished {
    pub timeline: Timeline,
    pub events: Vec<Event>,
    pub code: i32,
}

/// Follow `traced` to its end, writing output lines to `out` as they come,
/// then the summary. SIGINT to threadline is passed on to the program;
/// SIGTERM stops it.
pub fn follow(mut traced: Traced, lang: Lang, out: &mut dyn Write) -> io::Result<Finished> {
    let interrupted = Arc::new(AtomicBool::new(false));
    let terminated = Arc::new(AtomicBool::new(false));
    let hooks = [
        signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&interrupted)),
        signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&terminated)),
    ];
    let mut timeline = Timeline::for_run(traced.run);
    let mut events = Vec::new();
    let mut result = Ok(());
    let mut take = |ev: Event, timeline: &mut Timeline, out: &mut dyn Write| {
        if let (EventKind::Output { text }, Ok(())) = (&ev.kind, &result) {
            result = writeln!(out, "{text}");
        }
        timeline.apply(&ev);
        events.push(ev);
    };
    loop {
        match traced.events.recv_timeout(Duration::from_millis(50)) {
            Ok(ev) => take(ev, &mut timeline, out),
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
    }
    let status = traced.wait();
    for ev in traced.events.try_iter() {
        take(ev, &mut timeline, out);
    }
    for id in hooks.into_iter().flatten() {
        signal_hook::low_level::unregister(id);
    }
    result?;
    timeline.dropped = traced.dropped();
    writeln!(out)?;
    write_summary(&timeline, None, lang, out)?;
    if timeline.dropped > 0 {
        writeln!(out, "{}", tr!(lang, "trace-dropped", n = timeline.dropped))?;
    }
    out.flush()?;
    let code = status.as_ref().map_or(1, super::exit_code);
    Ok(Finished {
        timeline,
        events,
        code,
    })
}
