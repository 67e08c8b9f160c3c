//! One thread's life: its identity and its run-length list of states.
//!
//! A run of one state lasts until the next one starts (or the end of the
//! thread's life), so only starts are stored. A start and its state share
//! one `u64` (the time shifted up a byte, the state in the low byte): 8
//! bytes a span, and a search by time reads one array. What a span waits
//! on (its [`Detail`](crate::event::Detail)) is kept aside, interned by the
//! timeline, for the spans that have one.

use super::aside::{Aside, Tops};
use super::details::DetailId;
use crate::event::{GhostLine, GhostSpan, MAX_TIME, Nanos, Outcome, Raised, State, ThreadId};

/// What a thread cut short would still have done (see `EventKind::Ghost`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ghost {
    pub spans: Vec<GhostSpan>,
    pub lines: Vec<GhostLine>,
    /// It would then have waited on another thread (its ghost stops there).
    pub waits: bool,
}

impl Ghost {
    /// Where it would have ended (or begun to wait).
    pub fn end(&self) -> Option<Nanos> {
        let spans = self.spans.last().map(|s| s.end);
        let lines = self.lines.last().map(|l| l.at);
        spans.max(lines)
    }

    /// Time it would still have spent in `state`.
    pub fn time_in(&self, state: State) -> Nanos {
        self.spans
            .iter()
            .filter(|s| s.state == state)
            .map(|s| s.end - s.start)
            .sum()
    }
}

/// A change of state: from `start` on, the thread is in `state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub start: Nanos,
    pub state: State,
}

/// A span with both ends, as queries hand it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: Nanos,
    pub end: Nanos,
    pub state: State,
    /// What it waits on, who holds it, where.
    pub detail: DetailId,
}

fn pack(start: Nanos, state: State) -> u64 {
    (start.min(MAX_TIME) << 8) | state as u64
}

fn start_of(m: u64) -> Nanos {
    m >> 8
}

fn state_of(m: u64) -> State {
    State::from_u8(m as u8).unwrap_or(State::Running)
}

/// Everything known about one thread.
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    pub id: ThreadId,
    pub name: String,
    pub daemon: bool,
    pub parent: Option<ThreadId>,
    /// When the thread object was created.
    pub created: Nanos,
    /// Each run's start and state, packed; increasing; never two equal
    /// neighbours (same state and same detail).
    marks: Vec<u64>,
    /// The details of its runs that have one, and the search index of a
    /// long track (see `aside.rs`); `None` while it needs neither.
    aside: Option<Box<Aside>>,
    /// When and how its life ended.
    pub end: Option<(Nanos, Outcome)>,
    /// The exception that ended it, if one did.
    pub raised: Option<Box<Raised>>,
    /// Cut short: what it would still have done.
    pub ghost: Option<Box<Ghost>>,
    /// For the main thread of a child process: its pid…
    pub pid: Option<u32>,
    /// …and its `exitcode` once it ended (-N: killed by signal N).
    pub exit_code: Option<i32>,
    /// CPU time measured by the operating system, when it was (a traced
    /// program's threads); scenarios have none.
    pub cpu: Option<Nanos>,
}

impl Track {
    pub fn new(
        id: ThreadId,
        name: String,
        daemon: bool,
        parent: Option<ThreadId>,
        at: Nanos,
    ) -> Self {
        Track {
            id,
            name,
            daemon,
            parent,
            created: at,
            marks: Vec::new(),
            aside: None,
            end: None,
            raised: None,
            ghost: None,
            pid: None,
            exit_code: None,
            cpu: None,
        }
    }

    /// When it started running (its first state), if it has.
    pub fn started(&self) -> Option<Nanos> {
        self.marks.first().map(|&m| start_of(m))
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.end.map(|(_, o)| o)
    }

    /// Its name as rows show it: a child process with its pid.
    pub fn label(&self) -> String {
        match self.pid {
            Some(pid) => format!("{} ({pid})", self.name),
            None => self.name.clone(),
        }
    }

    /// The display width of [`label`](Self::label), without building it
    /// (the name column measures every row each frame).
    pub fn label_width(&self) -> usize {
        let pid = self.pid.map_or(0, |p| p.to_string().len() + 3);
        crate::text::width(&self.name) + pid
    }

    /// It stands for a child process.
    pub fn is_process(&self) -> bool {
        self.pid.is_some()
    }

    pub fn is_alive(&self) -> bool {
        self.started().is_some() && self.end.is_none()
    }

    /// Its latest state while alive.
    pub fn current(&self) -> Option<State> {
        if self.end.is_some() {
            return None;
        }
        self.marks.last().map(|&m| state_of(m))
    }

    /// The detail of its latest state while alive.
    pub fn current_detail(&self) -> DetailId {
        match (self.end, self.marks.len()) {
            (None, n) if n > 0 => self.detail_at(n - 1),
            _ => DetailId::NONE,
        }
    }

    /// Number of stored spans.
    pub fn span_count(&self) -> usize {
        self.marks.len()
    }

    /// Bytes the span storage holds (capacity, not length).
    pub fn span_bytes(&self) -> usize {
        self.marks.capacity() * size_of::<u64>() + self.aside.as_ref().map_or(0, |a| a.bytes())
    }

    fn mark(&self, i: usize) -> Option<Mark> {
        self.marks.get(i).map(|&m| Mark {
            start: start_of(m),
            state: state_of(m),
        })
    }

    /// (run index, detail) for the runs that have one, by run index.
    fn details(&self) -> &[(u32, DetailId)] {
        self.aside.as_ref().map_or(&[], |a| &a.details)
    }

    /// The detail of run `i`.
    fn detail_at(&self, i: usize) -> DetailId {
        let i = i as u32;
        let details = self.details();
        // Most asks are of the last runs: none past the last detail.
        match details.last() {
            None => return DetailId::NONE,
            Some(&(k, _)) if k < i => return DetailId::NONE,
            Some(&(k, d)) if k == i => return d,
            Some(_) => {}
        }
        match details.binary_search_by_key(&i, |&(k, _)| k) {
            Ok(k) => details[k].1,
            Err(_) => DetailId::NONE,
        }
    }

    fn set_detail(&mut self, i: usize, detail: DetailId) {
        let i = i as u32;
        let past = self.details().last().is_none_or(|&(k, _)| k < i);
        if past && detail.is_none() {
            return; // past every run with a detail (runs grow at the end)
        }
        let details = &mut self.aside.get_or_insert_with(Box::default).details;
        if past {
            details.push((i, detail));
            return;
        }
        match details.binary_search_by_key(&i, |&(k, _)| k) {
            Ok(k) if detail.is_none() => {
                details.remove(k);
            }
            Ok(k) => details[k].1 = detail,
            Err(_) if detail.is_none() => {}
            Err(k) => details.insert(k, (i, detail)),
        }
    }

    fn push(&mut self, m: u64) {
        self.marks.push(m);
        if Tops::due(self.marks.len()) {
            let aside = self.aside.get_or_insert_with(Box::default);
            aside.tops.pushed(&self.marks);
        }
    }

    fn pop(&mut self) {
        let n = self.marks.len();
        self.marks.pop();
        if let Some(aside) = &mut self.aside {
            aside.tops.popped(n - 1);
            if aside
                .details
                .last()
                .is_some_and(|&(k, _)| k as usize + 1 == n)
            {
                aside.details.pop();
            }
        }
    }

    /// Enter `state` (with `detail`) at `at`. Times before the last change
    /// are clamped to it, so spans stay ordered and never overlap whatever
    /// the input.
    pub fn enter(&mut self, state: State, detail: DetailId, at: Nanos) {
        if self.end.is_some() {
            return;
        }
        let at = at.min(MAX_TIME);
        let n = self.marks.len();
        let Some(&last) = self.marks.last() else {
            self.push(pack(at, state));
            self.set_detail(0, detail);
            return;
        };
        let same = |track: &Track, k: usize| {
            state_of(track.marks[k]) == state && track.detail_at(k) == detail
        };
        if same(self, n - 1) {
            return;
        }
        if at <= start_of(last) {
            // Replaces a change made at the same instant; if that brings
            // back the run before it, the two runs are one.
            self.marks[n - 1] = pack(start_of(last), state);
            self.set_detail(n - 1, detail);
            if n >= 2 && same(self, n - 2) {
                self.pop();
            }
        } else {
            self.push(pack(at, state));
            self.set_detail(n, detail);
        }
    }

    /// End its life at `at`.
    pub fn finish(&mut self, outcome: Outcome, at: Nanos) {
        if self.end.is_some() {
            return;
        }
        let at = at.min(MAX_TIME);
        let at = self.marks.last().map_or(at, |&m| at.max(start_of(m)));
        // A state entered at the very instant of the end lasts no time.
        if self.marks.len() > 1 && self.marks.last().map(|&m| start_of(m)) == Some(at) {
            self.pop();
        }
        self.end = Some((at, outcome));
        // No span comes after the end: the growth slack can go.
        self.marks.shrink_to_fit();
        if let Some(a) = &mut self.aside {
            a.shrink();
        }
    }

    /// Where its life ends, looking from `now` for a live thread.
    fn life_end(&self, now: Nanos) -> Nanos {
        match self.end {
            Some((t, _)) => t,
            None => now.max(self.marks.last().map_or(0, |&m| start_of(m))),
        }
    }

    /// The index of the run at `t` (ignoring the end of life), if `t` is
    /// at or after the first.
    fn run_at(&self, t: Nanos) -> Option<usize> {
        // `pack(t, last state)` is the greatest mark that starts at `t`.
        let key = (t.min(MAX_TIME) << 8) | 0xff;
        let tops = self.aside.as_ref().map(|a| &a.tops);
        Tops::count_upto(tops, &self.marks, key).checked_sub(1)
    }

    /// The state at program time `t` (None before it started or after it ended).
    pub fn state_at(&self, t: Nanos) -> Option<State> {
        if self.end.is_some_and(|(end, _)| t >= end) {
            return None;
        }
        self.run_at(t).map(|k| state_of(self.marks[k]))
    }

    /// The details of its spans at or before `t`, latest first (spans
    /// without one skipped): where the thread was last seen, for the code
    /// pane.
    pub fn details_before(&self, t: Nanos) -> impl Iterator<Item = DetailId> + '_ {
        let k = self.run_at(t).map_or(0, |k| k + 1);
        let details = self.details();
        let n = details.partition_point(|&(i, _)| (i as usize) < k);
        details[..n].iter().rev().map(|&(_, d)| d)
    }

    /// The span at program time `t`, with both ends.
    pub fn span_at(&self, t: Nanos, now: Nanos) -> Option<Span> {
        if self.end.is_some_and(|(end, _)| t >= end) {
            return None;
        }
        self.run_at(t).map(|k| self.span(k, self.life_end(now)))
    }

    fn span(&self, k: usize, life_end: Nanos) -> Span {
        Span {
            start: start_of(self.marks[k]),
            end: self.marks.get(k + 1).map_or(life_end, |&m| start_of(m)),
            state: state_of(self.marks[k]),
            detail: self.detail_at(k),
        }
    }

    /// The state at `t` (ignoring the end of life) and the next change
    /// after it. `hint` carries the position between calls: when `t` only
    /// grows (cells left to right) a galloping search from there makes each
    /// call nearly constant time, however many spans there are.
    pub fn around(&self, t: Nanos, hint: &mut usize) -> (Option<State>, Option<Mark>) {
        let key = (t.min(MAX_TIME) << 8) | 0xff;
        let marks = &self.marks;
        let n = marks.len();
        let mut lo = (*hint).min(n);
        if lo > 0 && marks[lo - 1] > key {
            lo = 0; // went back in time: search from the start
        }
        // Invariant: every mark before `lo` starts at or before `t`.
        let (mut hi, mut step) = (lo, 1);
        while hi < n && marks[hi] <= key {
            lo = hi + 1;
            hi += step;
            step <<= 1;
        }
        let hi = hi.min(n);
        let i = lo + marks[lo..hi].partition_point(|&m| m <= key);
        *hint = i;
        (i.checked_sub(1).map(|k| state_of(marks[k])), self.mark(i))
    }

    /// Time spent running within `[from, to)`; `hint` is a span index at
    /// or before `from` (as `around` leaves it).
    pub fn running_between(&self, from: Nanos, to: Nanos, hint: usize) -> Nanos {
        self.time_between(from, to, hint, |s| s == State::Running)
    }

    /// Time spent in states `pred` picks within `[from, to)`; `hint` as for
    /// [`running_between`](Self::running_between).
    pub fn time_between(
        &self,
        from: Nanos,
        to: Nanos,
        hint: usize,
        pred: impl Fn(State) -> bool,
    ) -> Nanos {
        let first = hint.saturating_sub(1).min(self.marks.len());
        let mut total: Nanos = 0;
        for k in first..self.marks.len() {
            let start = start_of(self.marks[k]);
            if start >= to {
                break;
            }
            let next = self.marks.get(k + 1).map_or(to, |&m| start_of(m).min(to));
            if pred(state_of(self.marks[k])) && next > from {
                total = total.saturating_add(next - start.max(from));
            }
        }
        total
    }

    /// The spans overlapping `[from, to)`, the last one of a live thread
    /// reaching `now`.
    pub fn spans_between(
        &self,
        from: Nanos,
        to: Nanos,
        now: Nanos,
    ) -> impl Iterator<Item = Span> + '_ {
        let life_end = self.life_end(now);
        let first = self.run_at(from).unwrap_or(0);
        (first..self.marks.len())
            .map(move |k| self.span(k, life_end))
            .take_while(move |s| s.start < to)
            .filter(move |s| s.end > from || (s.end == s.start && s.start >= from))
    }

    /// All spans, one per mark, the last one of a live thread reaching
    /// `now` (from the end too: the last few of a long life cost a few).
    pub fn spans(&self, now: Nanos) -> impl DoubleEndedIterator<Item = Span> + '_ {
        let life_end = self.life_end(now);
        (0..self.marks.len()).map(move |k| self.span(k, life_end))
    }

    /// Total time spent in states matching `pred`, up to `now`.
    pub fn time_in(&self, now: Nanos, pred: impl Fn(State) -> bool) -> Nanos {
        self.spans(now)
            .filter(|s| pred(s.state))
            .map(|s| s.end - s.start)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_width_is_the_labels_width() {
        let mut t = Track::new(1, "작업자 0".into(), false, None, 0);
        assert_eq!(t.label_width(), crate::text::width(&t.label()));
        t.pid = Some(4242);
        assert_eq!(t.label(), "작업자 0 (4242)");
        assert_eq!(t.label_width(), crate::text::width(&t.label()));
    }

    #[test]
    fn a_detail_change_in_one_state_is_a_new_span() {
        let mut t = Track::new(1, "w".into(), false, None, 0);
        t.enter(State::Running, DetailId::NONE, 0);
        t.enter(State::WaitingLock, 3.into(), 10);
        t.enter(State::WaitingLock, 3.into(), 12);
        t.enter(State::WaitingLock, 4.into(), 20);
        t.enter(State::Running, 0.into(), 30);
        let spans: Vec<_> = t
            .spans(40)
            .map(|s| (s.start, s.state, s.detail.what()))
            .collect();
        assert_eq!(
            spans,
            [
                (0, State::Running, 0),
                (10, State::WaitingLock, 3),
                (20, State::WaitingLock, 4),
                (30, State::Running, 0)
            ]
        );
        assert_eq!(t.state_at(25), Some(State::WaitingLock));
        assert_eq!(t.span_at(25, 40).map(|s| s.detail), Some(4.into()));
        // Overwritten at the same instant: back to one run.
        t.enter(State::WaitingLock, 4.into(), 30);
        assert_eq!(t.span_count(), 3);
    }

    #[test]
    fn times_past_the_bound_are_held_at_it() {
        let mut t = Track::new(1, "w".into(), false, None, 0);
        t.enter(State::Running, 0.into(), u64::MAX);
        assert_eq!(t.started(), Some(MAX_TIME));
        t.finish(Outcome::Finished, u64::MAX);
        assert_eq!(t.end, Some((MAX_TIME, Outcome::Finished)));
    }
}
