//! Turns the tracer's lines (protocol 2, `docs/tracer-protocol.md`) into
//! events, and decides at the end what Python cannot tell: who was cut
//! short, and when the process exited.
//!
//! Every write of the tracer is a batch that starts with `P <pid>`; the
//! records after it come from that process. The traced program's own
//! threads keep their tracer ids (main is 0); each child process gets a row
//! of its own for its main thread, and its other threads are grouped under
//! that row (their parent).

use std::collections::{BTreeMap, HashMap};

use crate::event::{
    Detail, Event, EventKind, MAIN, Nanos, Outcome, Raised, State, Stream, ThreadId,
};

/// Ids of a child process's threads: `base | tracer id` with one base per
/// child, far above the ids of the traced program's own threads.
const CHILD_BASE: ThreadId = 1 << 20;

/// What the reader knows about each thread, to decide the ends.
#[derive(Debug, Default, Clone)]
struct Life {
    running: bool,
    ended: bool,
    /// States of the waits it is in, innermost last, with their details.
    waits: Vec<(State, Detail)>,
}

/// One process seen on the channel.
#[derive(Debug, Default)]
struct Proc {
    /// Timeline id of thread 0 of this process; the base of the others.
    base: ThreadId,
    files: HashMap<u32, String>,
    objects: HashMap<u32, String>,
    /// Process ids of the `Process` objects it reported (object id -> pid).
    object_pids: HashMap<u32, u32>,
    at_exit: bool,
    /// Main's code ended with an exception (type, message, site).
    main_raised: Option<Raised>,
    os_exit: bool,
}

/// Folds tracer lines into events for one run.
#[derive(Debug)]
pub struct Decoder {
    run: u64,
    lives: BTreeMap<ThreadId, Life>,
    procs: HashMap<u32, Proc>,
    /// The traced program's own pid (from its hello), once known.
    root: Option<u32>,
    /// The process of the batch being read, per source (0: the pipe, 1: the FIFO).
    current: [Option<u32>; 2],
    next_child: ThreadId,
    /// Native (kernel) thread id of each thread that began running, with
    /// its process: what the `/proc` sampler looks up.
    pub natives: HashMap<ThreadId, (u32, u32)>,
    /// The interpreter's version and GIL flag, from the hello.
    pub interpreter: Option<(String, bool)>,
    latest: Nanos,
    /// Threads being started (`N`) -> the thread in `start()` for them,
    /// which waits (Starting) until the new thread runs (`R`).
    starting: HashMap<ThreadId, ThreadId>,
    /// Threads with a piece of a line out (`more`), per stream.
    open: std::collections::HashSet<(ThreadId, Stream)>,
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
                ..Life::default()
            },
        );
        Decoder {
            run,
            lives,
            procs: HashMap::new(),
            root: None,
            current: [None, None],
            next_child: 1,
            natives: HashMap::new(),
            interpreter: None,
            latest: 0,
            open: std::collections::HashSet::new(),
            starting: HashMap::new(),
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

    /// One line from the pipe in, zero or more events out. A line that
    /// cannot be read is counted in `dropped`.
    pub fn line(&mut self, line: &[u8]) -> Vec<Event> {
        self.line_from(0, line)
    }

    /// One line from `source` (0: the pipe, 1: the FIFO of exec'd children).
    pub fn line_from(&mut self, source: usize, line: &[u8]) -> Vec<Event> {
        let line = line.trim_ascii();
        if line.is_empty() {
            return Vec::new();
        }
        let Ok(text) = std::str::from_utf8(line) else {
            self.dropped += 1;
            return Vec::new();
        };
        if let Some(pid) = text.strip_prefix("P ") {
            match pid.parse() {
                Ok(pid) => self.current[source.min(1)] = Some(pid),
                Err(_) => self.dropped += 1,
            }
            return Vec::new();
        }
        let Some(pid) = self.current[source.min(1)] else {
            self.dropped += 1;
            return Vec::new();
        };
        match fields(text).and_then(|f| self.record(pid, &f)) {
            Some(evs) => evs,
            None => {
                self.dropped += 1;
                Vec::new()
            }
        }
    }

    /// The timeline id of thread `tid` of process `pid`.
    fn id(&self, pid: u32, tid: ThreadId) -> ThreadId {
        let base = self.procs.get(&pid).map_or(0, |p| p.base);
        if base == 0 { tid } else { base | tid }
    }

    fn site(&self, pid: u32, s: &str) -> Option<String> {
        let (fid, line) = s.split_once(':')?;
        let file = self.procs.get(&pid)?.files.get(&fid.parse().ok()?)?;
        let name = std::path::Path::new(file)
            .file_name()
            .map_or(file.as_str(), |n| n.to_str().unwrap_or(file));
        Some(format!("{name}:{line}"))
    }

    fn record(&mut self, pid: u32, f: &[Field<'_>]) -> Option<Vec<Event>> {
        let kind = f.first()?.word()?;
        // A time past the bound is no time of a real run: the line is dropped.
        let at = || -> Option<Nanos> {
            let t: Nanos = f.get(1)?.word()?.parse().ok()?;
            (t <= crate::event::MAX_TIME).then_some(t)
        };
        let num = |i: usize| -> Option<u32> { f.get(i)?.word()?.parse().ok() };
        let word = |i: usize| -> Option<&str> { f.get(i)?.word() };
        let text = |i: usize| -> Option<&str> { f.get(i)?.text() };
        let mut out: Vec<(ThreadId, EventKind)> = Vec::new();
        let at_time;
        match kind {
            "V" => {
                // V proto pid ppid t gil how version argv
                if num(1)? != 2 {
                    return None;
                }
                at_time = f.get(4)?.word()?.parse().ok()?;
                let gil = word(5)? == "1";
                let how = word(6)?;
                let version = text(7)?.to_string();
                if how == "root" && self.root.is_none() {
                    self.root = Some(pid);
                    self.procs.entry(pid).or_default();
                    self.interpreter = Some((version.clone(), gil));
                    out.push((MAIN, EventKind::Interpreter { version, gil }));
                } else if !self.procs.contains_key(&pid) {
                    let base = CHILD_BASE * self.next_child;
                    self.next_child += 1;
                    self.procs.insert(
                        pid,
                        Proc {
                            base,
                            ..Proc::default()
                        },
                    );
                    self.lives.insert(
                        base,
                        Life {
                            running: true,
                            ..Life::default()
                        },
                    );
                    out.push((base, spawned("process", false, Some(MAIN))));
                    out.push((base, EventKind::Process { pid }));
                    out.push((base, EventKind::state(State::Running)));
                }
            }
            "F" => {
                let p = self.procs.entry(pid).or_default();
                p.files.insert(num(1)?, text(2)?.to_string());
                return Some(Vec::new());
            }
            "O" => {
                // O t oid type site name extra
                at()?;
                let oid = num(2)?;
                let ty = text(3)?;
                let site = self.site(pid, word(4)?);
                let name = text(5);
                let mut on = ty.to_string();
                if let Some(n) = name {
                    on.push(' ');
                    on.push_str(n);
                }
                if let Some(s) = site {
                    on.push_str(&format!(" ({s})"));
                }
                let extra = word(6).and_then(|w| w.parse().ok());
                let p = self.procs.entry(pid).or_default();
                p.objects.insert(oid, on);
                if let Some(child) = extra {
                    p.object_pids.insert(oid, child);
                }
                return Some(Vec::new());
            }
            "N" => {
                // N t tid parent daemon site name
                at_time = at()?;
                let t = self.id(pid, num(2)?);
                let parent = self.id(pid, num(3)?);
                self.lives.entry(t).or_default();
                out.push((t, spawned(text(6)?, word(4)? == "1", Some(parent))));
                // start() waits for the new thread to run: Starting until its R.
                if let Some(k) = self.end_start(pid, parent) {
                    out.push((parent, k));
                }
                let detail = Detail {
                    on: None,
                    holder: Some(t),
                    site: self.site(pid, word(5)?),
                };
                self.lives
                    .entry(parent)
                    .or_default()
                    .waits
                    .push((State::Starting, detail.clone()));
                self.starting.insert(t, parent);
                out.push((parent, EventKind::state_with(State::Starting, detail)));
            }
            "n" => {
                at_time = at()?;
                let t = self.id(pid, num(2)?);
                out.push((
                    t,
                    EventKind::Renamed {
                        name: text(3)?.to_string(),
                    },
                ));
            }
            "R" => {
                // R t tid native site
                at_time = at()?;
                let t = self.id(pid, num(2)?);
                self.natives.insert(t, (pid, num(3)?));
                if let Some(parent) = self.starting.remove(&t)
                    && let Some(k) = self.end_start(pid, parent)
                {
                    out.push((parent, k));
                }
                let life = self.lives.entry(t).or_default();
                life.running = true;
                let detail = Detail {
                    site: self.site(pid, word(4)?),
                    ..Detail::default()
                };
                if t != self.id(pid, MAIN) || !detail.is_empty() {
                    out.push((t, EventKind::state_with(State::Running, detail)));
                }
            }
            "W" => {
                // W t tid kind obj holder site
                at_time = at()?;
                let t = self.id(pid, num(2)?);
                if let Some(k) = self.end_start(pid, t) {
                    out.push((t, k));
                }
                let kind = word(3)?;
                let obj: Option<u32> = word(4)?.parse().ok();
                let p = self.procs.get(&pid);
                let on = obj.and_then(|o| p?.objects.get(&o).cloned());
                let mut holder = num(5).map(|h| self.id(pid, h));
                if kind == "process_join" {
                    holder = obj
                        .and_then(|o| p?.object_pids.get(&o))
                        .and_then(|child| self.procs.get(child))
                        .map(|c| c.base);
                }
                let state = wait_state(kind);
                let on = on.or_else(|| wait_words(kind).map(str::to_string));
                let detail = Detail {
                    on,
                    holder,
                    site: self.site(pid, word(6)?),
                };
                let life = self.lives.entry(t).or_default();
                life.waits.push((state, detail.clone()));
                out.push((t, EventKind::state_with(state, detail)));
            }
            "H" => {
                at_time = at()?;
                let t = self.id(pid, num(2)?);
                let h = self.id(pid, num(3)?);
                let life = self.lives.entry(t).or_default();
                let (state, detail) = life.waits.last_mut()?;
                detail.holder = Some(h);
                out.push((t, EventKind::state_with(*state, detail.clone())));
            }
            "U" => {
                at_time = at()?;
                let t = self.id(pid, num(2)?);
                let site = self.site(pid, word(3)?);
                let main = t == self.id(pid, MAIN);
                let at_exit = main && self.procs.get(&pid).is_some_and(|p| p.at_exit);
                let life = self.lives.entry(t).or_default();
                life.waits.pop();
                let kind = match life.waits.last() {
                    Some((state, detail)) => EventKind::state_with(*state, detail.clone()),
                    None if at_exit => EventKind::state(State::WaitingAtExit),
                    None => EventKind::state_with(
                        State::Running,
                        Detail {
                            site,
                            ..Detail::default()
                        },
                    ),
                };
                out.push((t, kind));
            }
            "E" => {
                // E t tid how site [type msg]
                at_time = at()?;
                let t = self.id(pid, num(2)?);
                if let Some(k) = self.end_start(pid, t) {
                    out.push((t, k));
                }
                let how = word(3)?;
                let site = self.site(pid, word(4)?);
                let life = self.lives.entry(t).or_default();
                life.ended = true;
                life.waits.clear();
                let kind = match how {
                    "exc" => EventKind::Ended {
                        outcome: Outcome::Failed,
                        raised: Some(Raised {
                            kind: text(5)?.to_string(),
                            message: text(6).unwrap_or("").to_string(),
                            site,
                        }),
                    },
                    _ => EventKind::ended(Outcome::Finished),
                };
                out.push((t, kind));
            }
            "M" => {
                // M t how site [type msg]
                at_time = at()?;
                let main = self.id(pid, MAIN);
                let site = self.site(pid, word(3)?);
                let p = self.procs.entry(pid).or_default();
                p.at_exit = true;
                if word(2)? == "exc" {
                    p.main_raised = Some(Raised {
                        kind: text(4)?.to_string(),
                        message: text(5).unwrap_or("").to_string(),
                        site,
                    });
                }
                if let Some(l) = self.lives.get_mut(&main) {
                    l.waits.clear();
                }
                if main == MAIN {
                    out.push((main, EventKind::MainCodeEnd));
                }
                out.push((main, EventKind::state(State::WaitingAtExit)));
            }
            "Z" => {
                at_time = at()?;
                let main = self.id(pid, MAIN);
                self.procs.entry(pid).or_default().at_exit = false;
                if Some(pid) != self.root {
                    // A child process: nothing of its Python runs after its
                    // shutdown (multiprocessing then calls os._exit).
                    out.extend(self.end_process(pid));
                } else {
                    out.push((main, EventKind::state(State::Running)));
                }
            }
            "X" => {
                at_time = at()?;
                self.procs.entry(pid).or_default().os_exit = true;
                if Some(pid) != self.root {
                    out.extend(self.end_process(pid));
                }
            }
            "T" => {
                // T t tid stream more text
                at_time = at()?;
                let t = self.id(pid, num(2)?);
                if let Some(k) = self.end_start(pid, t) {
                    out.push((t, k));
                }
                let stream = if word(3)? == "2" {
                    Stream::Stderr
                } else {
                    Stream::Stdout
                };
                let more = word(4)? == "1";
                let text = text(5)?.to_string();
                if more && text.is_empty() {
                    return Some(Vec::new());
                }
                if more {
                    self.open.insert((t, stream));
                } else {
                    self.open.remove(&(t, stream));
                }
                out.push((t, EventKind::Output { text, stream, more }));
            }
            _ => return None,
        }
        Some(
            out.into_iter()
                .map(|(t, k)| self.ev(at_time, t, k))
                .collect(),
        )
    }

    /// A child process is over: its threads still running are cut short,
    /// its row ends.
    fn end_process(&mut self, pid: u32) -> Vec<(ThreadId, EventKind)> {
        let Some(base) = self.procs.get(&pid).map(|p| p.base).filter(|&b| b != 0) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (&t, life) in self.lives.range_mut(base..base + CHILD_BASE) {
            if life.ended || !life.running {
                continue;
            }
            life.ended = true;
            life.waits.clear();
            let outcome = if t == base {
                Outcome::Finished
            } else {
                Outcome::CutShort
            };
            out.push((t, EventKind::ended(outcome)));
        }
        out
    }

    /// `parent`'s wait in `start()` is over: the state it goes back to.
    fn end_start(&mut self, pid: u32, parent: ThreadId) -> Option<EventKind> {
        let life = self.lives.get_mut(&parent)?;
        if !matches!(life.waits.last(), Some((State::Starting, _))) {
            return None;
        }
        life.waits.pop();
        let at_exit =
            parent == self.id(pid, MAIN) && self.procs.get(&pid).is_some_and(|p| p.at_exit);
        let life = self.lives.get(&parent)?;
        Some(match life.waits.last() {
            Some((state, detail)) => EventKind::state_with(*state, detail.clone()),
            None if at_exit => EventKind::state(State::WaitingAtExit),
            None => EventKind::state(State::Running),
        })
    }

    /// Has `thread` a line out in pieces, not ended yet?
    pub fn open_line(&self, thread: ThreadId) -> bool {
        self.open.iter().any(|(t, _)| *t == thread)
    }

    /// A raw line of the program's stdout or stderr (it bypassed
    /// `sys.stdout`), as main's: if main still has a line out in pieces, that
    /// line is ended first, so the two are not glued together.
    pub fn raw_line(&mut self, at: Nanos, text: String) -> Vec<Event> {
        let mut out = Vec::new();
        let open: Vec<_> = self
            .open
            .iter()
            .filter(|(t, _)| *t == MAIN)
            .copied()
            .collect();
        for key in open {
            self.open.remove(&key);
            out.push(self.ev(
                at,
                MAIN,
                EventKind::Output {
                    text: String::new(),
                    stream: key.1,
                    more: false,
                },
            ));
        }
        out.push(self.ev(at, MAIN, EventKind::line(text)));
        out
    }

    /// The latest program time an event was sent with (the exit is never
    /// earlier).
    pub fn saw(&mut self, at: Nanos) {
        self.latest = self.latest.max(at);
    }

    /// The process exited at `at` with `code`: cut short every thread whose
    /// run began and never ended (child processes' too), end main.
    pub fn exit(&mut self, at: Nanos, code: i32) -> Vec<Event> {
        let at = at.max(self.latest);
        let mut out = Vec::new();
        let root = self.root.and_then(|r| self.procs.get(&r));
        let children: Vec<ThreadId> = self
            .procs
            .values()
            .map(|p| p.base)
            .filter(|&b| b != 0)
            .collect();
        for (&t, life) in &self.lives {
            if t == MAIN || !life.running || life.ended {
                continue;
            }
            let outcome = if children.contains(&t) {
                Outcome::Finished
            } else {
                Outcome::CutShort
            };
            out.push(self.ev(at, t, EventKind::ended(outcome)));
        }
        let raised = root.and_then(|p| p.main_raised.clone());
        let os_exit = root.is_some_and(|p| p.os_exit);
        let main_ended = root.is_some_and(|p| p.at_exit);
        // sys.exit(N) in main is an exit with code N, not a failure: main's
        // code ended (M) without an exception. os._exit(N != 0), a signal, or
        // no word from the tracer at all is a failure.
        let main = match raised {
            Some(r) => EventKind::Ended {
                outcome: Outcome::Failed,
                raised: Some(r),
            },
            None if code == 0 || (main_ended && !os_exit && code < 128) => {
                EventKind::ended(Outcome::Finished)
            }
            None => EventKind::ended(Outcome::Failed),
        };
        out.push(self.ev(at, MAIN, main));
        out.push(self.ev(at, MAIN, EventKind::ProcessExit { code }));
        for life in self.lives.values_mut() {
            life.ended = true;
        }
        out
    }
}

/// The state a wait of this kind is drawn as.
fn wait_state(kind: &str) -> State {
    match kind {
        "sleep" => State::Sleeping,
        "lock" | "semaphore" => State::WaitingLock,
        "join" | "process_join" => State::Joining,
        "thread_start" => State::Starting,
        _ => State::Waiting,
    }
}

/// What a wait with no object of its own waits on, in words.
fn wait_words(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "timer" => "Timer",
        "futures_wait" => "futures",
        _ => return None,
    })
}

fn spawned(name: &str, daemon: bool, parent: Option<ThreadId>) -> EventKind {
    EventKind::Spawned {
        name: name.to_string(),
        daemon,
        parent,
    }
}

/// A field of a record: a bare word or a JSON string (borrowed from the
/// line unless it had escapes).
#[derive(Debug, PartialEq)]
enum Field<'a> {
    Word(&'a str),
    Text(std::borrow::Cow<'a, str>),
}

impl Field<'_> {
    fn word(&self) -> Option<&str> {
        match self {
            Field::Word(w) => Some(w),
            Field::Text(_) => None,
        }
    }

    /// A JSON string's text, or None for `-` (absent).
    fn text(&self) -> Option<&str> {
        match self {
            Field::Text(t) => Some(t),
            Field::Word(_) => None,
        }
    }
}

/// Split a record into its fields: words separated by one space, strings
/// JSON-encoded (so a space inside one is no separator).
fn fields(line: &str) -> Option<Vec<Field<'_>>> {
    let b = line.as_bytes();
    let mut out = Vec::with_capacity(8);
    let mut i = 0;
    while i < b.len() {
        if b[i] == b' ' {
            i += 1;
            continue;
        }
        if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            if j >= b.len() {
                return None;
            }
            let raw = &line[i..=j];
            let text = if raw.contains('\\') {
                std::borrow::Cow::Owned(serde_json::from_str::<String>(raw).ok()?)
            } else {
                std::borrow::Cow::Borrowed(&line[i + 1..j])
            };
            out.push(Field::Text(text));
            i = j + 1;
        } else {
            let j = line[i..].find(' ').map_or(b.len(), |k| i + k);
            out.push(Field::Word(&line[i..j]));
            i = j;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(d: &mut Decoder, lines: &[&str]) -> Vec<Event> {
        lines.iter().flat_map(|l| d.line(l.as_bytes())).collect()
    }

    const HELLO: &str = r#"V 2 100 1 5 1 root "3.12.1" "x.py""#;

    #[test]
    fn garbage_is_counted_not_fatal() {
        let mut d = Decoder::new(1);
        assert!(d.line(b"not a record").is_empty()); // before any P line
        feed(&mut d, &["P 100", HELLO]);
        assert!(d.line(b"? 5 1").is_empty());
        assert!(d.line(b"W 5").is_empty());
        assert!(d.line("T 5 0 1 0 \"unterminated".as_bytes()).is_empty());
        assert_eq!(d.dropped, 4);
        // A time past MAX_TIME (2^53 ns) is dropped and counted too.
        assert!(d.line(b"W 18446744073709551000 0 sleep - - -").is_empty());
        assert_eq!(d.dropped, 5);
        assert_eq!(d.line(b"W 6 0 sleep - - -").len(), 1);
    }

    #[test]
    fn pieces_of_a_line_pass_through_as_pieces() {
        let mut d = Decoder::new(1);
        let evs = feed(
            &mut d,
            &[
                "P 100",
                HELLO,
                r#"T 1 0 1 1 "name? ""#,
                r#"T 2 0 1 0 "ada""#,
            ],
        );
        let outs: Vec<_> = evs
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Output { text, more, .. } => Some((text.as_str(), *more)),
                _ => None,
            })
            .collect();
        assert_eq!(outs, [("name? ", true), ("ada", false)]);
    }

    #[test]
    fn a_wait_says_what_who_and_where() {
        let mut d = Decoder::new(1);
        let evs = feed(
            &mut d,
            &[
                "P 100",
                HELLO,
                r#"F 1 "/tmp/bank.py""#,
                r#"N 3 1 0 0 1:9 "teller""#,
                "R 4 1 4242 1:5",
                r#"O 5 1 "Lock" 1:2 "vault" -"#,
                "W 6 1 lock 1 0 1:14",
                "U 7 1 1:14",
            ],
        );
        let want = Detail {
            on: Some("Lock vault (bank.py:2)".into()),
            holder: Some(0),
            site: Some("bank.py:14".into()),
        };
        assert!(
            evs.iter()
                .any(|e| e.kind == EventKind::state_with(State::WaitingLock, want.clone()))
        );
        assert_eq!(d.natives.get(&1), Some(&(100, 4242)));
        assert!(matches!(
            &evs.last().unwrap().kind,
            EventKind::State {
                state: State::Running,
                ..
            }
        ));
    }

    #[test]
    fn start_waits_until_the_new_thread_runs() {
        let mut d = Decoder::new(1);
        let evs = feed(
            &mut d,
            &[
                "P 100",
                HELLO,
                r#"F 1 "s.py""#,
                r#"N 3 1 0 0 1:4 "w""#,
                "R 4 1 77 -",
            ],
        );
        let main: Vec<_> = evs
            .iter()
            .filter(|e| e.thread == MAIN)
            .filter_map(|e| match &e.kind {
                EventKind::State { state, detail } => Some((*state, detail.holder, e.at)),
                _ => None,
            })
            .collect();
        assert_eq!(
            main,
            [(State::Starting, Some(1), 3), (State::Running, None, 4)]
        );
    }

    #[test]
    fn a_running_thread_is_cut_short_at_exit() {
        let mut d = Decoder::new(1);
        feed(
            &mut d,
            &[
                "P 100",
                HELLO,
                r#"N 1 1 0 1 - "w""#,
                "R 2 1 55 -",
                r#"N 3 2 0 0 - "never started""#,
            ],
        );
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

    #[test]
    fn sys_exit_is_an_exit_and_an_exception_a_failure() {
        let mut d = Decoder::new(1);
        feed(&mut d, &["P 100", HELLO, "M 5 ok -"]);
        let evs = d.exit(10, 3);
        assert!(
            evs.iter()
                .any(|e| e.kind == EventKind::ended(Outcome::Finished))
        );
        let mut d = Decoder::new(1);
        feed(
            &mut d,
            &[
                "P 100",
                HELLO,
                r#"F 1 "m.py""#,
                r#"M 5 exc 1:6 "KeyError" "'x'""#,
            ],
        );
        let evs = d.exit(10, 1);
        assert!(evs.iter().any(|e| matches!(&e.kind,
            EventKind::Ended { outcome: Outcome::Failed, raised: Some(r) }
                if r.kind == "KeyError" && r.site.as_deref() == Some("m.py:6"))));
    }

    #[test]
    fn a_child_process_gets_its_own_rows() {
        let mut d = Decoder::new(1);
        let evs = feed(
            &mut d,
            &[
                "P 100",
                HELLO,
                "P 200",
                r#"V 2 200 100 9 1 fork "3.12.1" "x.py""#,
                r#"N 10 1 0 0 - "child thread""#,
            ],
        );
        assert!(
            evs.iter()
                .any(|e| e.kind == EventKind::Process { pid: 200 } && e.thread == CHILD_BASE)
        );
        assert!(evs.iter().any(|e| e.thread == CHILD_BASE | 1
            && matches!(&e.kind, EventKind::Spawned { parent: Some(p), .. } if *p == CHILD_BASE)));
    }
}
