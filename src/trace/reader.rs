//! Turns the tracer's JSON lines into events, and decides at the end what
//! Python cannot tell: who was cut short, and when the process exited.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::event::{Event, EventKind, MAIN, Nanos, Outcome, State, ThreadId};

/// One line from the tracer (see `assets/python/sitecustomize.py`).
#[derive(Debug, Deserialize)]
struct Record {
    e: String,
    t: ThreadId,
    at: Nanos,
    #[serde(default)]
    n: Option<String>,
    #[serde(default)]
    d: Option<bool>,
    #[serde(default)]
    p: Option<ThreadId>,
    #[serde(default)]
    on: Option<ThreadId>,
    #[serde(default)]
    x: Option<serde_json::Value>,
    #[serde(default)]
    more: bool,
    /// Output stream: 1 stdout, 2 stderr.
    #[serde(default)]
    s: u8,
}

/// What the reader knows about each thread, to decide the ends.
#[derive(Debug, Default, Clone, Copy)]
struct Life {
    running: bool,
    ended: bool,
}

/// Folds tracer lines into events for one run.
#[derive(Debug)]
pub struct Decoder {
    run: u64,
    lives: BTreeMap<ThreadId, Life>,
    /// Unfinished output lines per thread and stream.
    partial: HashMap<(ThreadId, u8), String>,
    latest: Nanos,
    /// Main is inside `threading._shutdown`: between waits it is waiting at exit.
    main_at_exit: bool,
    /// Lines that could not be read.
    pub dropped: u64,
}

impl Decoder {
    pub fn new(run: u64) -> Self {
        let mut lives = BTreeMap::new();
        lives.insert(
            MAIN,
            Life {
                running: true,
                ended: false,
            },
        );
        Decoder {
            run,
            lives,
            partial: HashMap::new(),
            latest: 0,
            main_at_exit: false,
            dropped: 0,
        }
    }

    /// The events the process start implies: main exists and runs.
    pub fn start(&self) -> Vec<Event> {
        vec![
            self.ev(0, MAIN, spawned("main", false, None)),
            self.ev(0, MAIN, EventKind::state(State::Running)),
        ]
    }

    fn ev(&self, at: Nanos, thread: ThreadId, kind: EventKind) -> Event {
        Event::new(self.run, at, thread, kind)
    }

    /// One line in, zero or more events out. A line that cannot be read is
    /// counted in `dropped`.
    pub fn line(&mut self, line: &[u8]) -> Vec<Event> {
        let line = line.trim_ascii();
        if line.is_empty() {
            return Vec::new();
        }
        match serde_json::from_slice::<Record>(line) {
            Ok(r) => match self.record(r) {
                Some(evs) => evs,
                None => {
                    self.dropped += 1;
                    Vec::new()
                }
            },
            Err(_) => {
                self.dropped += 1;
                Vec::new()
            }
        }
    }

    fn record(&mut self, r: Record) -> Option<Vec<Event>> {
        let (t, at) = (r.t, r.at);
        let state = EventKind::state;
        let kinds = match r.e.as_str() {
            "new" => {
                self.lives.entry(t).or_default();
                vec![spawned(
                    r.n.as_deref().unwrap_or("?"),
                    r.d.unwrap_or(false),
                    r.p,
                )]
            }
            "name" => vec![EventKind::Renamed { name: r.n? }],
            "daemon" => vec![EventKind::Daemon { daemon: r.d? }],
            "start" => Vec::new(),
            "run" => {
                let life = self.lives.entry(t).or_default();
                life.running = true;
                let mut k = Vec::new();
                if let Some(name) = r.n {
                    k.push(EventKind::Renamed { name });
                }
                if let Some(daemon) = r.d {
                    k.push(EventKind::Daemon { daemon });
                }
                k.push(state(State::Running));
                k
            }
            "end" => {
                let life = self.lives.entry(t).or_default();
                life.ended = true;
                let failed = r.x.as_ref().and_then(serde_json::Value::as_bool)?;
                let outcome = if failed {
                    Outcome::Failed
                } else {
                    Outcome::Finished
                };
                vec![EventKind::ended(outcome)]
            }
            "join" => vec![EventKind::state_with(
                State::Joining,
                crate::event::Detail::holder(r.on?),
            )],
            "sleep" => vec![state(State::Sleeping)],
            "joined" | "woke" if t == MAIN && self.main_at_exit => {
                vec![state(State::WaitingAtExit)]
            }
            "joined" | "woke" => vec![state(State::Running)],
            "main_end" => {
                self.main_at_exit = true;
                vec![EventKind::MainCodeEnd, state(State::WaitingAtExit)]
            }
            "joined_all" => {
                self.main_at_exit = false;
                vec![state(State::Running)]
            }
            "out" => {
                let chunk = r.x.as_ref()?.as_str()?;
                let buf = self.partial.entry((t, r.s)).or_default();
                buf.push_str(chunk);
                if r.more {
                    return Some(Vec::new());
                }
                let text = std::mem::take(buf);
                let stream = if r.s == 2 {
                    crate::event::Stream::Stderr
                } else {
                    crate::event::Stream::Stdout
                };
                vec![EventKind::Output {
                    text,
                    stream,
                    more: false,
                }]
            }
            _ => return None,
        };
        Some(kinds.into_iter().map(|k| self.ev(at, t, k)).collect())
    }

    /// The latest program time an event was sent with (the exit is never
    /// earlier).
    pub fn saw(&mut self, at: Nanos) {
        self.latest = self.latest.max(at);
    }

    /// The process exited at `at` with `code`: flush unfinished output, cut
    /// short every thread whose run began and never ended, end main.
    pub fn exit(&mut self, at: Nanos, code: i32) -> Vec<Event> {
        let at = at.max(self.latest);
        let mut out = Vec::new();
        let mut partial: Vec<_> = self
            .partial
            .drain()
            .filter(|(_, s)| !s.is_empty())
            .collect();
        partial.sort();
        for ((t, _), text) in partial {
            out.push(self.ev(at, t, EventKind::line(text)));
        }
        for (&t, life) in &self.lives {
            if t == MAIN || !life.running || life.ended {
                continue;
            }
            out.push(self.ev(at, t, EventKind::ended(Outcome::CutShort)));
        }
        let main = if code == 0 {
            Outcome::Finished
        } else {
            Outcome::Failed
        };
        out.push(self.ev(at, MAIN, EventKind::ended(main)));
        out.push(self.ev(at, MAIN, EventKind::ProcessExit { code }));
        for life in self.lives.values_mut() {
            life.ended = true;
        }
        out
    }
}

fn spawned(name: &str, daemon: bool, parent: Option<ThreadId>) -> EventKind {
    EventKind::Spawned {
        name: name.to_string(),
        daemon,
        parent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_counted_not_fatal() {
        let mut d = Decoder::new(1);
        assert!(d.line(b"not json").is_empty());
        assert!(d.line(br#"{"e":"warp","t":1,"at":5}"#).is_empty());
        assert!(d.line(br#"{"e":"join","t":1,"at":5}"#).is_empty());
        assert_eq!(d.dropped, 3);
        assert_eq!(d.line(br#"{"e":"sleep","t":0,"at":5}"#).len(), 1);
    }

    #[test]
    fn long_output_is_joined_again() {
        let mut d = Decoder::new(1);
        assert!(
            d.line(br#"{"e":"out","t":0,"s":1,"x":"ab","more":true,"at":1}"#)
                .is_empty()
        );
        let evs = d.line(br#"{"e":"out","t":0,"s":1,"x":"cd","more":false,"at":2}"#);
        assert_eq!(evs[0].kind, EventKind::line("abcd"));
    }

    #[test]
    fn a_running_thread_is_cut_short_at_exit() {
        let mut d = Decoder::new(1);
        d.line(br#"{"e":"new","t":1,"n":"w","d":true,"p":0,"at":1}"#);
        d.line(br#"{"e":"run","t":1,"at":2}"#);
        d.line(br#"{"e":"new","t":2,"n":"never started","d":false,"p":0,"at":3}"#);
        let evs = d.exit(10, 0);
        let cut: Vec<_> = evs
            .iter()
            .filter(|e| e.kind == EventKind::ended(Outcome::CutShort))
            .map(|e| e.thread)
            .collect();
        assert_eq!(cut, vec![1]);
        assert!(matches!(
            evs.last().unwrap().kind,
            EventKind::ProcessExit { code: 0 }
        ));
    }
}
