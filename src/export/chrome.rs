//! Chrome Trace Event Format (what Perfetto and chrome://tracing open):
//! names as metadata, one complete slice per span, instants for the
//! moments that matter. The names stay in English whatever the language:
//! a trace is data that tools and scripts read, like a recording.

use serde_json::{Value, json};

use crate::event::{MAIN, Nanos, Outcome};
use crate::i18n::Lang;
use crate::look;
use crate::model::Timeline;

/// Microseconds, keeping the nanoseconds as a fraction.
fn us(t: Nanos) -> f64 {
    t as f64 / 1_000.0
}

/// The whole trace as JSON. Thread ids are small, from 1 (main). The
/// program is process 1; a child process is its own process, under its pid.
pub fn trace(tl: &Timeline, title: &str) -> Value {
    json!({ "traceEvents": events(tl, &format!("threadline: {title}"), 1), "displayTimeUnit": "ms" })
}

/// Two runs (`threadline compare`) as two processes of one trace, 1 (A)
/// and 2 (B), each named by its side's title line.
pub fn trace_pair(sides: [(&Timeline, &str); 2]) -> Value {
    let mut ev = Vec::new();
    for (i, (tl, heading)) in sides.into_iter().enumerate() {
        ev.extend(events(tl, heading, i as u64 + 1));
    }
    json!({ "traceEvents": ev, "displayTimeUnit": "ms" })
}

/// One run's events, its program as process `me`.
fn events(tl: &Timeline, name: &str, me: u64) -> Vec<Value> {
    let now = tl.horizon(0);
    let tid = |id: u32| u64::from(id) + 1;
    let mut ev = vec![json!({
        "ph": "M", "name": "process_name", "pid": me,
        "args": { "name": name }
    })];
    for (i, t) in tl.tracks().iter().enumerate() {
        let pid = t.pid().map_or(me, u64::from);
        if t.is_process() {
            ev.push(json!({ "ph": "M", "name": "process_name", "pid": pid, "args": { "name": t.label() } }));
            ev.push(json!({ "ph": "M", "name": "process_sort_index", "pid": pid, "args": { "sort_index": i } }));
        }
        ev.push(json!({ "ph": "M", "name": "thread_name", "pid": pid, "tid": tid(t.id), "args": { "name": t.name.as_str() } }));
        ev.push(json!({ "ph": "M", "name": "thread_sort_index", "pid": pid, "tid": tid(t.id), "args": { "sort_index": i } }));
        for s in t.spans(now).filter(|s| s.end > s.start) {
            let mut args = json!({ "daemon": t.daemon() });
            if let Some(d) = tl.detail(s.detail) {
                if let Some(on) = &d.on {
                    args["on"] = json!(on);
                }
                if let Some(h) = d.holder {
                    args["holder"] = json!(tl.name_of(h));
                }
                if let Some(site) = &d.site {
                    args["at"] = json!(site);
                }
            }
            ev.push(json!({
                "ph": "X", "name": look::state(s.state).label(Lang::En), "cat": "state",
                "pid": pid, "tid": tid(t.id), "ts": us(s.start), "dur": us(s.end - s.start),
                "args": args
            }));
        }
        if let Some(g) = t.ghost() {
            // What the exit took away, as slices of their own category
            // (Perfetto can hide them): the spans the thread would still
            // have had, and the lines it would have printed.
            for s in g.spans.iter().filter(|s| s.end > s.start) {
                ev.push(json!({
                    "ph": "X", "name": format!("would have: {}", look::state(s.state).label(Lang::En)),
                    "cat": "ghost", "pid": pid, "tid": tid(t.id), "ts": us(s.start),
                    "dur": us(s.end - s.start), "args": { "cut_short": true }
                }));
            }
            for l in &g.lines {
                ev.push(json!({
                    "ph": "i", "s": "t", "name": "never printed", "cat": "ghost",
                    "pid": pid, "tid": tid(t.id), "ts": us(l.at), "args": { "text": l.text }
                }));
            }
        }
        if let Some((at, o)) = t.end()
            && o != Outcome::Finished
        {
            ev.push(json!({
                "ph": "i", "s": "t", "name": look::outcome(o, t.id == MAIN).label(Lang::En),
                "pid": pid, "tid": tid(t.id), "ts": us(at), "args": { "daemon": t.daemon() }
            }));
        }
    }
    if let Some(at) = tl.main_code_end {
        ev.push(json!({ "ph": "i", "s": "g", "name": "main code end", "pid": me, "tid": tid(MAIN), "ts": us(at) }));
    }
    if let Some((at, code)) = tl.process_exit {
        ev.push(json!({
            "ph": "i", "s": "g", "name": "process exit", "pid": me, "tid": tid(MAIN), "ts": us(at),
            "args": { "exit_code": code }
        }));
    }
    ev
}
