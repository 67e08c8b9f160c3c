//! The timeline: every thread of one run, the output it printed and the
//! moments that matter for the whole process. Pure data; no threads, no UI,
//! no words.

use hashbrown::HashMap;

use super::details::DetailId;
use super::details::Details;
use super::gil::GilLane;
use super::output::Output;
use super::track::Track;
use crate::event::{Detail, Event, EventKind, MAIN, Nanos, Outcome, State, ThreadId};

/// Heap bytes a track's name holds (none while short: it is inline).
fn name_bytes(t: &Track) -> usize {
    if t.name.is_heap_allocated() {
        t.name.capacity()
    } else {
        0
    }
}

/// A ghost span within the times threadline takes.
fn clamp_span(s: crate::event::GhostSpan) -> crate::event::GhostSpan {
    let end = s.end.min(crate::event::MAX_TIME);
    crate::event::GhostSpan {
        start: s.start.min(end),
        end,
        state: s.state,
    }
}

/// A span's detail as queries hand it out (see [`Detail`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetailView<'a> {
    /// What it waits on, as a person reads it: `Lock vault (bank.py:2)`.
    pub on: Option<&'a str>,
    /// Who holds what it waits on, or the thread a join waits for.
    pub holder: Option<ThreadId>,
    /// The program's own line that caused the change: `bank.py:14`.
    pub site: Option<&'a str>,
    /// The wait has no timeout and has lasted ([`Detail::forever`]).
    pub forever: bool,
}

/// A shared counter's final value against the value no lost update gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CounterValue {
    /// Who reported it: main for this process, a child process's row for
    /// that process's own copy.
    pub thread: ThreadId,
    pub name: String,
    pub value: i64,
    pub expected: i64,
    /// Of those `expected`, the updates never made (see
    /// [`EventKind::Counter`](crate::event::EventKind::Counter)).
    pub missing: i64,
}

impl CounterValue {
    /// The value no lost update gives, of the updates made.
    pub fn made(&self) -> i64 {
        self.expected.saturating_sub(self.missing)
    }
}

/// The interpreter a run is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interpreter {
    pub version: String,
    pub gil: bool,
}

/// One run, folded from its events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    /// The run these events belong to; events of other runs are ignored.
    pub run: Option<u64>,
    tracks: Vec<Track>,
    /// The place in `tracks` of each thread that does not stand at the
    /// place its id says (`tracks[id]`): threads are mostly numbered in
    /// the order they appear (a scenario's, a tracer's), so most need no
    /// entry.
    elsewhere: HashMap<ThreadId, u32>,
    /// The details of spans, interned.
    details: Details,
    /// Output lines in program-time order (ties keep arrival order).
    pub output: Output,
    /// Who holds the GIL over time (meaningful when the program has one).
    pub gil: GilLane,
    pub main_code_end: Option<Nanos>,
    /// When the process exited, and its exit code.
    pub process_exit: Option<(Nanos, i32)>,
    /// Who called `os._exit`, and where, if a thread did.
    pub os_exit: Option<super::OsExit>,
    /// The latest time any event carried.
    pub latest: Nanos,
    /// Events that were lost or could not be read, as reported by the source.
    pub dropped: u64,
    /// Events applied.
    pub applied: u64,
    /// Shared counters, as reported at exit.
    pub counters: Vec<CounterValue>,
    pub interpreter: Option<Interpreter>,
    /// Output lines of ghosts (what cut-short daemons would have printed).
    ghost_lines: usize,
    /// Where the last ghost ends (kept as ghosts come: rare).
    ghost_end: Option<Nanos>,
    pub(super) memo: super::memo::Memo,
    /// The stall that has stood long enough to be called: its closing
    /// time (see [`Timeline::confirm_stall`]).
    pub(super) stalled: Option<Nanos>,
    /// A `Cpu` event came: the run measured CPU time.
    pub(super) cpu_seen: bool,
}

impl Timeline {
    pub fn new() -> Self {
        Self::default()
    }

    /// A timeline that only takes events of run `run`.
    pub fn for_run(run: u64) -> Self {
        Timeline {
            run: Some(run),
            ..Self::default()
        }
    }

    /// Threads in the order they were created (main first).
    pub fn tracks(&self) -> &[Track] {
        &self.tracks
    }

    pub fn track(&self, id: ThreadId) -> Option<&Track> {
        self.row_of(id).map(|i| &self.tracks[i])
    }

    /// Where thread `id`'s track stands in [`Self::tracks`].
    pub fn row_of(&self, id: ThreadId) -> Option<usize> {
        match self.tracks.get(id as usize) {
            Some(t) if t.id == id => Some(id as usize),
            _ => self.elsewhere.get(&id).map(|&i| i as usize),
        }
    }

    /// A thread's name, or a stand-in for an unknown id.
    pub fn name_of(&self, id: ThreadId) -> String {
        self.track(id)
            .map_or_else(|| format!("#{id}"), |t| t.name.to_string())
    }

    /// The program line where `track` was last seen at or before `t` (the
    /// latest of its state changes that says one: `bank.py:14`).
    pub fn site_at(&self, track: &Track, t: Nanos) -> Option<&str> {
        track
            .details_before(t)
            .take(64)
            .find_map(|d| self.detail(d)?.site)
    }

    /// A span's detail (`None`: nothing known).
    pub fn detail(&self, id: DetailId) -> Option<DetailView<'_>> {
        if id.is_none() {
            return None;
        }
        let rest = self.details.get(id.what());
        Some(DetailView {
            on: rest.and_then(|d| d.on.as_deref()),
            holder: id.holder(),
            site: rest.and_then(|d| d.site.as_deref()),
            forever: rest.is_some_and(|d| d.forever),
        })
    }

    /// Whether `thread` is now in `state` with `detail` but for its
    /// `forever` (a wait the tracer then saw to last).
    fn is_current_wait(&self, thread: ThreadId, state: State, detail: &Detail) -> bool {
        let Some(t) = self.track(thread) else {
            return false;
        };
        let d = t.current_detail();
        t.current() == Some(state)
            && self.detail(d).is_some_and(|c| {
                !c.forever && c.on == detail.on.as_deref() && c.site == detail.site.as_deref()
            })
            && d.holder() == detail.holder
    }

    fn intern(&mut self, d: &Detail) -> DetailId {
        self.details.intern(d)
    }

    fn track_mut(&mut self, id: ThreadId, at: Nanos) -> &mut Track {
        let next = self.tracks.len();
        let i = self.row_of(id).unwrap_or(next);
        if i == next {
            if id as usize != next {
                self.elsewhere.insert(id, next as u32);
            }
            let name = if id == MAIN {
                "main".to_string()
            } else {
                format!("thread #{id}")
            };
            if self.tracks.len() == self.tracks.capacity() {
                // Grown by half, not doubled: a track is 88 bytes, and a
                // doubled list of 10,000 of them could hold 0.9 MB unused.
                self.tracks.reserve_exact(next / 2 + 4);
            }
            self.tracks.push(Track::new(id, &name, false, None, at));
        }
        &mut self.tracks[i]
    }

    /// Fold one event in. Returns false if it belongs to another run.
    pub fn apply(&mut self, ev: &Event) -> bool {
        if self.run.is_some_and(|r| r != ev.run) {
            return false;
        }
        self.applied += 1;
        let at = ev.at.min(crate::event::MAX_TIME);
        self.latest = self.latest.max(at);
        let threads = self.tracks.len();
        self.memo.states_changed();
        if matches!(
            ev.kind,
            EventKind::Spawned { .. } | EventKind::Renamed { .. } | EventKind::Process { .. }
        ) {
            self.memo.labels_changed();
        }
        self.fold(ev, at);
        if self.tracks.len() != threads {
            self.memo.labels_changed();
        }
        true
    }

    fn fold(&mut self, ev: &Event, at: Nanos) {
        match &ev.kind {
            EventKind::Spawned {
                name,
                daemon,
                parent,
            } => {
                let t = self.track_mut(ev.thread, at);
                t.name = name.as_str().into();
                t.set_daemon(*daemon);
                t.set_parent(*parent);
                t.set_created(at);
                self.gil.spawned(ev.thread, *parent);
            }
            EventKind::Renamed { name } => {
                self.track_mut(ev.thread, at).name = name.as_str().into()
            }
            EventKind::Daemon { daemon } => self.track_mut(ev.thread, at).set_daemon(*daemon),
            EventKind::State { state, detail } => {
                let lasting = detail.forever && self.is_current_wait(ev.thread, *state, detail);
                let d = self.intern(detail);
                let t = self.track_mut(ev.thread, at);
                if lasting {
                    // The wait it is in was seen to last: the same span says so.
                    t.set_current_detail(d);
                } else if t.end().is_none() {
                    t.enter(*state, d, at);
                    self.gil.state(ev.thread, at, *state == State::Running);
                }
            }
            EventKind::Output { text, stream, more } => {
                self.track_mut(ev.thread, at);
                self.output.print(ev.thread, at, text, *stream, *more);
            }
            EventKind::MainCodeEnd => self.main_code_end = Some(at),
            EventKind::OsExit { site } => {
                self.track_mut(ev.thread, at);
                self.os_exit = Some(super::OsExit {
                    thread: ev.thread,
                    site: site.clone(),
                });
            }
            EventKind::ProcessExit { code } => {
                self.process_exit = Some((at, *code));
                // Threads seldom appear after the exit (the last ends
                // do): the list's growth slack can go.
                self.tracks.shrink_to_fit();
            }
            EventKind::Ended { outcome, raised } => {
                let t = self.track_mut(ev.thread, at);
                if t.end().is_none() {
                    t.set_raised(raised.clone());
                }
                t.finish(*outcome, at);
                self.gil.state(ev.thread, at, false);
            }
            EventKind::Process { pid } => {
                self.track_mut(ev.thread, at).set_pid(Some(*pid));
                self.gil.process(ev.thread, at);
            }
            EventKind::ExitCode { code } => {
                self.track_mut(ev.thread, at).set_exit_code(Some(*code))
            }
            EventKind::Counter {
                name,
                value,
                expected,
                missing,
            } => self.counters.push(CounterValue {
                thread: ev.thread,
                name: name.clone(),
                value: *value,
                expected: *expected,
                missing: *missing,
            }),
            EventKind::Ghost {
                spans,
                lines,
                waits,
            } => {
                let g = super::rare::Ghost {
                    spans: spans.iter().map(|s| clamp_span(*s)).collect(),
                    lines: lines.clone(),
                    waits: *waits,
                };
                self.ghost_lines += g.lines.len();
                let t = self.track_mut(ev.thread, at);
                let old = t.set_ghost(Some(g));
                self.ghost_lines -= old.map_or(0, |o| o.lines.len());
                self.ghost_end = self
                    .tracks
                    .iter()
                    .filter_map(|t| t.ghost().and_then(|g| g.end()))
                    .max();
            }
            EventKind::Cpu { ns } => {
                self.cpu_seen = true;
                let t = self.track_mut(ev.thread, at);
                t.measured_cpu(*ns);
            }
            EventKind::Interpreter { version, gil } => {
                self.interpreter = Some(Interpreter {
                    version: version.clone(),
                    gil: *gil,
                });
            }
        }
    }

    /// How many output lines the ghosts have.
    pub fn ghost_line_count(&self) -> usize {
        self.ghost_lines
    }

    /// Build a timeline from a list of events (in time order, whatever
    /// order the list has them in).
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Self {
        Timeline::new().fed(events)
    }

    /// This timeline with `events` applied, in time order (whatever order
    /// the list has them in).
    pub fn fed<'a>(mut self, events: impl IntoIterator<Item = &'a Event>) -> Self {
        let mut events: Vec<&Event> = events.into_iter().collect();
        events.sort_by_key(|e| e.at); // stable: ties keep their order
        for e in events {
            self.apply(e);
        }
        self
    }

    /// Where a picture of the whole run ends: the horizon, or further when
    /// ghosts (what threads cut short would still have done) reach past it.
    pub fn extent(&self, now: Nanos) -> Nanos {
        self.ghost_end
            .map_or(self.horizon(now), |g| g.max(self.horizon(now)))
    }

    /// The lines threads cut short would have printed: (thread, line), by time.
    pub fn ghost_lines(&self) -> Vec<(ThreadId, &crate::event::GhostLine)> {
        let mut out: Vec<_> = self
            .tracks
            .iter()
            .filter_map(|t| t.ghost().map(|g| (t.id, g)))
            .flat_map(|(id, g)| g.lines.iter().map(move |l| (id, l)))
            .collect();
        out.sort_by_key(|(id, l)| (l.at, *id));
        out
    }

    /// Where the picture ends: the process exit, or `now` while running.
    pub fn horizon(&self, now: Nanos) -> Nanos {
        match self.process_exit {
            Some((t, _)) => t.max(self.latest),
            None => now.max(self.latest),
        }
    }

    /// Threads (not main) alive and not daemon.
    pub fn live_non_daemon(&self) -> impl Iterator<Item = &Track> {
        self.tracks
            .iter()
            .filter(|t| t.id != MAIN && !t.daemon() && t.is_alive())
    }

    /// Threads that ended with `outcome`.
    pub fn ended_with(&self, outcome: Outcome) -> impl Iterator<Item = &Track> {
        self.tracks
            .iter()
            .filter(move |t| t.outcome() == Some(outcome))
    }

    /// At any instant, how many threads were in `state` at once at most.
    pub fn max_concurrent(&self, state: State, now: Nanos) -> usize {
        self.max_concurrent_of(state, now, |_| true)
    }

    /// The same, counting only the threads `which` picks.
    pub fn max_concurrent_of(
        &self,
        state: State,
        now: Nanos,
        which: impl Fn(&Track) -> bool,
    ) -> usize {
        self.max_concurrent_for(state, now, 0, which)
    }

    /// The most threads `which` picks in `state` at once for at least
    /// `least` in all (0: at any instant).
    pub fn max_concurrent_for(
        &self,
        state: State,
        now: Nanos,
        least: Nanos,
        which: impl Fn(&Track) -> bool,
    ) -> usize {
        let mut edges: Vec<(Nanos, i32)> = Vec::new();
        for t in self.tracks.iter().filter(|t| which(t)) {
            for s in t.spans(now).filter(|s| s.state == state && s.end > s.start) {
                edges.push((s.start, 1));
                edges.push((s.end, -1));
            }
        }
        edges.sort_unstable();
        // The count between consecutive instants where it changes.
        let mut steps: Vec<(Nanos, Nanos, i32)> = Vec::new();
        let mut cur = 0i32;
        for (i, &(at, d)) in edges.iter().enumerate() {
            cur += d;
            if let Some(&(next, _)) = edges.get(i + 1)
                && next > at
            {
                steps.push((at, next, cur));
            }
        }
        // The highest level held (at or above it) for `least` in all.
        let top = steps.iter().map(|s| s.2).max().unwrap_or(0);
        (1..=top)
            .rev()
            .find(|&level| {
                let held: Nanos = steps
                    .iter()
                    .filter(|s| s.2 >= level)
                    .map(|s| s.1 - s.0)
                    .sum();
                held >= least.max(1)
            })
            .unwrap_or(0) as usize
    }

    /// Whether the run's interpreter has a GIL: as it said (a traced
    /// program), else `modelled` (what a scenario models).
    pub fn has_gil(&self, modelled: bool) -> bool {
        self.interpreter.as_ref().map_or(modelled, |i| i.gil)
    }

    /// Total spans stored.
    pub fn span_count(&self) -> usize {
        self.tracks.iter().map(Track::span_count).sum()
    }

    /// Heap bytes the main parts hold (capacities; for the memory
    /// figures): the track list, the tracks' span storage, their names
    /// and rare boxes, the GIL lane's hand-overs, the thread index.
    pub fn heap_parts(&self) -> [(&'static str, usize); 6] {
        let tracks = &self.tracks;
        let sum = |f: fn(&Track) -> usize| tracks.iter().map(f).sum::<usize>();
        let index = self.elsewhere.capacity() * (size_of::<(ThreadId, u32)>() + 1);
        [
            ("track list", tracks.capacity() * size_of::<Track>()),
            ("span storage", sum(Track::span_bytes)),
            ("names", sum(name_bytes)),
            ("rare boxes", sum(Track::rare_bytes)),
            ("GIL hand-overs", self.gil.bytes()),
            ("thread index", index),
        ]
    }
}
