//! What the `/proc` samples add to the tracer's records (`infer.rs` says
//! what they mean): a thread the tracer has running Python may be blocked
//! in a system call or waiting for the GIL; and every thread's CPU time.
//!
//! The watcher hands rounds of samples in (`sampled`); they wait here until
//! the tracer's records of their time are in, then are applied: when they
//! are old enough (`apply_due`), and for one thread just before a record
//! changes that thread's state (`line_from` calls `flush_before`). A round
//! is only applied to a thread whose state no record changed since the
//! interval began, so what samples add never goes back before a record.
//! Times here are the tracer's (ns since its start, pauses included), like
//! the records'.

use std::collections::VecDeque;

use super::fields::{self, Field};
use super::{Decoder, MAIN};
use crate::event::{Detail, Event, EventKind, Nanos, Outcome, State, ThreadId};
use crate::trace::infer::{self, Call, Seen};

/// CPU time is sent when it grew by this much since it was last sent (and
/// at the thread's end), not at every sample.
const CPU_STEP: Nanos = 20_000_000;

/// A record of another thread may arrive this late after one of its own
/// process (the lock monitor dates a wait back to its first sample).
const SKEW: Nanos = 30_000_000;

/// What one sample saw of one thread.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The thread's native id, and its process.
    pub native: u32,
    pub pid: u32,
    /// CPU time so far.
    pub cpu: Nanos,
    /// Runnable (`R`): waiting for a core when it gets no CPU.
    pub runnable: bool,
    /// The blocking system call it sits in.
    pub io: Option<Call>,
}

/// One round of samples.
#[derive(Debug, Clone, Default)]
pub struct Round {
    /// When, in the tracer's time.
    pub at: Nanos,
    pub readings: Vec<Reading>,
    /// Threads started by C code (`foreign_natives`), as (pid, native id),
    /// whose task had left `/proc` by then: they ended.
    pub gone: Vec<(u32, u32)>,
    /// Threads it was already applied to (before one of their records).
    done: Vec<ThreadId>,
}

impl Round {
    pub fn new(at: Nanos, readings: Vec<Reading>) -> Round {
        Round {
            at,
            readings,
            gone: Vec::new(),
            done: Vec::new(),
        }
    }
}

/// The rounds not applied yet, and the last one applied (the start of the
/// next interval).
#[derive(Debug, Default)]
pub(super) struct Samples {
    last: Option<Round>,
    pending: VecDeque<Round>,
}

impl Decoder {
    /// The threads started by C code that have not ended, as (pid, native
    /// id): no record will say when they end; their task leaving `/proc`
    /// does.
    pub fn foreign_natives(&self) -> Vec<(u32, u32)> {
        self.foreign
            .iter()
            .filter(|t| self.lives.get(t).is_some_and(|l| !l.ended))
            .filter_map(|t| self.natives.get(t).copied())
            .collect()
    }

    /// The threads the tracer says run Python now, as (timeline id, pid,
    /// native id): the ones worth sampling.
    pub fn running_natives(&self) -> Vec<(ThreadId, u32, u32)> {
        let mut v: Vec<_> = self
            .natives
            .iter()
            .filter(|(t, _)| self.runs_python(**t))
            .map(|(&t, &(p, n))| (t, p, n))
            .collect();
        v.sort_unstable();
        v
    }

    /// The tracer has `t` running its Python code (in no wait it knows of).
    fn runs_python(&self, t: ThreadId) -> bool {
        let Some(life) = self.lives.get(&t) else {
            return false;
        };
        let at_exit = self
            .procs
            .values()
            .any(|p| p.at_exit && (p.base == t || (p.base == 0 && t == MAIN)));
        life.running && !life.ended && life.waits.is_empty() && !at_exit
    }

    /// A round of samples, to be applied once its time is safe.
    pub fn sampled(&mut self, round: Round) {
        self.samples.pending.push_back(round);
    }

    /// The processes seen, and the native ids already known in each.
    pub fn known_natives(&self) -> Vec<(u32, std::collections::HashSet<u32>)> {
        let mut v: Vec<(u32, std::collections::HashSet<u32>)> = self
            .procs
            .keys()
            .map(|&pid| {
                let mine = self.natives.values().filter(|n| n.0 == pid);
                (pid, mine.map(|n| n.1).collect())
            })
            .collect();
        v.sort_unstable_by_key(|p| p.0);
        v
    }

    /// The thread of native id `native` in `pid`, once its `R` said so.
    fn thread_of(&self, pid: u32, native: u32) -> Option<ThreadId> {
        self.by_native.get(&(pid, native)).copied()
    }

    /// The program was stopped: intervals across the pause would be misread.
    pub fn forget_samples(&mut self) {
        self.samples = Samples::default();
    }

    /// Apply the rounds taken at or before `until` (tracer time).
    pub fn apply_due(&mut self, until: Nanos) -> Vec<Event> {
        let mut out = Vec::new();
        while self.samples.pending.front().is_some_and(|r| r.at <= until) {
            let round = self.samples.pending.pop_front().expect("front exists");
            if let Some(prev) = self.samples.last.take() {
                out.extend(self.apply(&prev, &round, None));
            }
            for &(pid, native) in &round.gone {
                self.foreign_ended(pid, native, round.at, &mut out);
            }
            self.samples.last = Some(round);
        }
        out
    }

    /// Before the record `f` of process `pid`: the thread whose state it
    /// changes gets every interval that ended by its time; every thread the
    /// intervals that ended well before it.
    pub(super) fn flush_before(&mut self, pid: u32, f: &[Field<'_>]) -> Vec<Event> {
        if self.samples.pending.is_empty() {
            return Vec::new();
        }
        let (Some(kind), Some(at)) = (fields::word(f, 0), fields::at(f)) else {
            return Vec::new();
        };
        let who = match kind {
            "W" | "H" | "G" | "U" | "E" | "R" | "T" | "X" => fields::num(f, 2),
            "N" => fields::num(f, 3),
            "M" | "Z" => Some(MAIN),
            _ => None,
        };
        let mut out = self.apply_due(at.saturating_sub(SKEW));
        let Some(who) = who.map(|t| self.id(pid, t)) else {
            return out;
        };
        let last = self.samples.last.take();
        let mut rounds = std::mem::take(&mut self.samples.pending);
        for i in 0..rounds.len() {
            if rounds[i].at > at {
                break;
            }
            if rounds[i].done.contains(&who) {
                continue;
            }
            let prev = if i == 0 {
                last.as_ref()
            } else {
                rounds.get(i - 1)
            };
            if let Some(p) = prev {
                out.extend(self.apply(p, &rounds[i], Some(who)));
            }
            rounds[i].done.push(who);
        }
        self.samples.pending = rounds;
        self.samples.last = last;
        out
    }

    /// Apply the interval from `prev` to `round` (to `only`, or to every
    /// thread it was not applied to yet).
    fn apply(&mut self, prev: &Round, round: &Round, only: Option<ThreadId>) -> Vec<Event> {
        let (from, to) = (prev.at, round.at);
        let mut out = Vec::new();
        let mut pids: Vec<u32> = round.readings.iter().map(|r| r.pid).collect();
        pids.sort_unstable();
        pids.dedup();
        for pid in pids {
            let mine: Vec<(ThreadId, &Reading)> = round
                .readings
                .iter()
                .filter(|r| r.pid == pid)
                .filter_map(|r| Some((self.thread_of(pid, r.native)?, r)))
                .collect();
            for (t, r) in &mine {
                if only.is_none_or(|o| o == *t) && !round.done.contains(t) {
                    self.cpu_seen(*t, r.cpu, to, &mut out);
                }
            }
            let gil = !self.procs.get(&pid).is_some_and(|p| p.no_gil);
            let mut seen: Vec<Seen> = mine
                .iter()
                .filter(|(t, _)| {
                    self.runs_python(*t) && self.lives.get(t).is_some_and(|l| l.since <= from)
                })
                .filter_map(|(t, now)| {
                    let before = prev
                        .readings
                        .iter()
                        .find(|b| b.pid == pid && b.native == now.native)?;
                    Some(Seen {
                        thread: *t,
                        cpu: now.cpu.saturating_sub(before.cpu),
                        runnable: now.runnable,
                        io_before: before.io.clone(),
                        io_after: now.io.clone(),
                    })
                })
                .collect();
            // Those shown running go first: their turn goes on.
            seen.sort_by_key(|s| {
                let shown = self.lives.get(&s.thread).and_then(|l| l.shown.as_ref());
                (shown.is_some_and(|(st, _)| *st != State::Running), s.thread)
            });
            // The last few intervals' busy time, for whether threads ran at once.
            let recent = self.procs.get_mut(&pid).map(|p| {
                p.busy.push_back(infer::busy_time(from, to, &seen));
                if p.busy.len() > 8 {
                    p.busy.pop_front();
                }
                p.busy.iter().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
            });
            for (t, stretches) in infer::infer(from, to, gil, &seen, recent) {
                if only.is_some_and(|o| o != t) || round.done.contains(&t) {
                    continue;
                }
                for st in stretches {
                    self.show(t, st, &mut out);
                }
            }
        }
        out
    }

    /// A thread started by C code is gone from `/proc` by `at`: it ended
    /// (its C code returned; how, nothing tells: finished).
    fn foreign_ended(&mut self, pid: u32, native: u32, at: Nanos, out: &mut Vec<Event>) {
        let Some(t) = self.thread_of(pid, native) else {
            return;
        };
        if !self.foreign.contains(&t) {
            return;
        }
        let Some(life) = self.lives.get_mut(&t).filter(|l| !l.ended) else {
            return;
        };
        life.ended = true;
        life.waits.clear();
        let mut ends = vec![(t, EventKind::ended(Outcome::Finished))];
        self.note_changes(at, &mut ends);
        out.extend(ends.into_iter().map(|(t, k)| self.ev(at, t, k)));
    }

    /// Thread `t` was sampled with `ns` of CPU time at `at`.
    fn cpu_seen(&mut self, t: ThreadId, ns: Nanos, at: Nanos, out: &mut Vec<Event>) {
        let Some(life) = self.lives.get_mut(&t) else {
            return;
        };
        life.cpu_seen = life.cpu_seen.max(ns);
        if life.cpu_seen >= life.cpu_sent + CPU_STEP {
            life.cpu_sent = life.cpu_seen;
            let ns = life.cpu_sent;
            out.push(self.ev(at, t, EventKind::Cpu { ns }));
        }
    }

    /// Show `t` as the samples say from `st.at` on, if that is a change.
    fn show(&mut self, t: ThreadId, st: infer::Stretch, out: &mut Vec<Event>) {
        let Some(life) = self.lives.get_mut(&t) else {
            return;
        };
        let now = (st.state, st.call);
        if life.shown.clone().unwrap_or((State::Running, None)) == now {
            return;
        }
        let detail = match (&now.0, &now.1) {
            (State::Running, _) => life.run_detail.clone(),
            (_, Some(call)) => Detail::on(call.clone()),
            _ => Detail::default(),
        };
        life.shown = (now.0 != State::Running).then_some(now.clone());
        out.push(self.ev(st.at, t, EventKind::state_with(now.0, detail)));
    }

    /// After a record: the threads whose state it changed are shown as the
    /// tracer has them again; a thread that ended gets its last CPU time
    /// first.
    pub(super) fn note_changes(&mut self, at: Nanos, out: &mut Vec<(ThreadId, EventKind)>) {
        let mut i = 0;
        while i < out.len() {
            let t = out[i].0;
            let Some(life) = self.lives.get_mut(&t) else {
                i += 1;
                continue;
            };
            match &out[i].1 {
                EventKind::State { state, detail } => {
                    life.since = at;
                    life.shown = None;
                    if *state == State::Running {
                        life.run_detail = detail.clone();
                    }
                }
                EventKind::Ended { .. } => {
                    life.since = at;
                    // Gone from /proc: no longer looked for there (its last
                    // samples, already taken, still apply: see `apply`).
                    if let Some(n) = self.natives.remove(&t) {
                        self.by_native.remove(&n);
                    }
                    let Some(life) = self.lives.get_mut(&t) else {
                        i += 1;
                        continue;
                    };
                    if life.cpu_seen > life.cpu_sent {
                        life.cpu_sent = life.cpu_seen;
                        out.insert(i, (t, EventKind::Cpu { ns: life.cpu_seen }));
                        i += 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
}
