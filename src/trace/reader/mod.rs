//! Turns the tracer's lines (protocol 2, `docs/tracer-protocol.md`) into
//! events, and decides at the end what Python cannot tell: who was cut
//! short, and when the process exited.
//!
//! Every write of the tracer is a batch that starts with `P <pid>`; the
//! records after it come from that process. The traced program's own
//! threads keep their tracer ids (main is 0); each child process gets a row
//! of its own for its main thread, and its other threads are grouped under
//! that row (their parent).

mod ends;
mod fields;
mod observed;
mod waits;

pub use observed::{Reading, Round};

use std::collections::{BTreeMap, HashMap};

use fields::{Field, fields};

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
    /// When the tracer's records last changed its state.
    since: Nanos,
    /// The detail the tracer gave its latest running.
    run_detail: Detail,
    /// What the samples made of it since (`observed.rs`): None while it is
    /// shown as the tracer has it.
    shown: Option<(State, Option<String>)>,
    /// Its CPU time, as last sampled and as last sent.
    cpu_seen: Nanos,
    cpu_sent: Nanos,
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
    /// The thread that called `os._exit`, once one did.
    os_exit: Option<ThreadId>,
    /// When its row ended (a child's), and whether its exit code was known.
    ended_at: Option<Nanos>,
    code_known: bool,
    /// Its interpreter has no GIL (a free-threaded build's hello said so).
    no_gil: bool,
    /// Main's code ended (`M`): the exit that follows is Python's own.
    code_ended: bool,
    /// Busy CPU time and length of its last few sampled intervals.
    busy: std::collections::VecDeque<(Nanos, Nanos)>,
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
    /// Native (kernel) thread id of each thread running now (it began and
    /// has not ended), with its process: what the `/proc` sampler looks up.
    pub natives: HashMap<ThreadId, (u32, u32)>,
    /// The interpreter's version and GIL flag, from the hello.
    pub interpreter: Option<(String, bool)>,
    latest: Nanos,
    /// Raw output waiting to be put among the records (`ends.rs`).
    raw: ends::Raw,
    /// Threads started by no thread the tracer saw (C code's): each ends
    /// when its task leaves `/proc` (`observed.rs`), as no record says so.
    foreign: std::collections::BTreeSet<ThreadId>,
    /// The time of the last event sent of each thread.
    sent_at: HashMap<ThreadId, Nanos>,
    /// Threads being started (`N`) -> the thread in `start()` for them,
    /// which waits (Starting) until the new thread runs (`R`).
    starting: HashMap<ThreadId, ThreadId>,
    /// Threads with a piece of a line out (`more`), per stream.
    open: std::collections::HashSet<(ThreadId, Stream)>,
    /// Lines that could not be read.
    pub dropped: u64,
    /// Rounds of `/proc` samples waiting to be applied.
    samples: observed::Samples,
    /// (pid, native id) -> thread, from `R`.
    by_native: HashMap<(u32, u32), ThreadId>,
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
            raw: ends::Raw::default(),
            foreign: Default::default(),
            sent_at: HashMap::new(),
            open: std::collections::HashSet::new(),
            starting: HashMap::new(),
            dropped: 0,
            samples: observed::Samples::default(),
            by_native: HashMap::new(),
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
        let Some(f) = fields(text) else {
            self.dropped += 1;
            return Vec::new();
        };
        // Raw output that came before this record goes before it.
        let mut out = fields::at(&f).map_or_else(Vec::new, |at| self.raw_before(at));
        out.extend(self.flush_before(pid, &f));
        match self.record(pid, &f) {
            Some(evs) => out.extend(evs),
            None => self.dropped += 1,
        }
        out
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
        let at = || fields::at(f);
        let num = |i| fields::num(f, i);
        let word = |i| fields::word(f, i);
        let text = |i| fields::text(f, i);
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
                    self.procs.entry(pid).or_default().no_gil = !gil;
                    self.interpreter = Some((version.clone(), gil));
                    out.push((MAIN, EventKind::Interpreter { version, gil }));
                } else if !self.procs.contains_key(&pid) {
                    let base = CHILD_BASE * self.next_child;
                    self.next_child += 1;
                    self.procs.insert(
                        pid,
                        Proc {
                            base,
                            no_gil: !gil,
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
                let parent = match word(3)? {
                    "-" => None,
                    _ => Some(self.id(pid, num(3)?)),
                };
                self.lives.entry(t).or_default();
                if parent.is_none() {
                    self.foreign.insert(t);
                }
                out.push((t, spawned(text(6)?, word(4)? == "1", parent)));
                // start() waits for the new thread to run: Starting until
                // its R (a thread nobody was seen to start has no starter).
                if let Some(parent) = parent {
                    self.starts(pid, t, parent, word(5)?, &mut out);
                }
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
                self.by_native.insert((pid, num(3)?), t);
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
            "W" => (at_time, out) = self.wait_begins(pid, f)?,
            "H" => (at_time, out) = self.holder_known(pid, f)?,
            "G" => (at_time, out) = self.wait_forever(pid, f)?,
            "U" => (at_time, out) = self.wait_ends(pid, f)?,
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
                p.code_ended = true;
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
                if Some(pid) == self.root {
                    // The root's exit is threadline's to see.
                    out.push((main, EventKind::state(State::Running)));
                } else {
                    // A child process: nothing of its Python runs after its
                    // shutdown but its exit (a forked multiprocessing
                    // child's os._exit, `X`, and its `C` say its code at
                    // this same instant; a child forked by the program
                    // itself exits so too).
                    out.extend(self.end_process(pid, None, at_time).0);
                }
            }
            "X" => {
                // X t tid site [code]
                at_time = at()?;
                let t = self.id(pid, num(2)?);
                let site = self.site(pid, word(3)?);
                let code = word(4).and_then(|c| c.parse::<i32>().ok());
                self.procs.entry(pid).or_default().os_exit = Some(t);
                if Some(pid) != self.root {
                    // multiprocessing's own way out of a child process.
                    out.extend(self.end_process(pid, code, at_time).0);
                } else {
                    out.push((t, EventKind::OsExit { site }));
                }
            }
            "C" => {
                // C t pid code: child process `pid` left its run with
                // `code` (said by itself), or its parent reaped it.
                let child = num(2)?;
                let code = word(3)?.parse::<i32>().ok()?;
                let evs;
                (evs, at_time) = self.end_process(child, Some(code), at()?);
                out.extend(evs);
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
        self.note_changes(at_time, &mut out);
        Some(
            out.into_iter()
                .map(|(t, k)| self.ev(at_time, t, k))
                .collect(),
        )
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
mod tests;
