//! One thread's life: its identity and its run-length list of states.
//!
//! A run of one state lasts until the next one starts (or the end of the
//! thread's life), so only starts are stored (`runs.rs`: 8 bytes a span;
//! a life of one run inline). What a span waits on (its
//! [`Detail`](crate::event::Detail)) is kept aside, interned by the
//! timeline, for the spans that have one. A track is 88 bytes: its rare
//! fields sit in a box (`rare.rs`), absent times are sentinels, and its
//! name is inline while short.

use compact_str::CompactString;

use super::details::DetailId;
use super::rare::Rare;
use super::runs::{Runs, key, pack, start_of, state_of};
use crate::event::{MAX_TIME, Nanos, Outcome, State, ThreadId};

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

/// No time: a field's sentinel (times are at most `MAX_TIME`).
const NO_TIME: Nanos = Nanos::MAX;
/// No thread: `parent`'s sentinel.
const NO_THREAD: ThreadId = ThreadId::MAX;

const OUTCOMES: [Outcome; 3] = [Outcome::Finished, Outcome::CutShort, Outcome::Failed];

/// Everything known about one thread.
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    pub id: ThreadId,
    /// Its parent's id, or [`NO_THREAD`].
    parent: ThreadId,
    pub name: CompactString,
    /// When the thread object was created, shifted up a bit; the low
    /// bit: it is a daemon (one word for both keeps a track 88 bytes).
    born: u64,
    /// When and how its life ended: the time shifted up two bits, the
    /// outcome's place in [`OUTCOMES`] below; [`NO_TIME`] while alive.
    end: u64,
    /// CPU time measured by the operating system, when it was (a traced
    /// program's threads; scenarios have none): else [`NO_TIME`].
    cpu: Nanos,
    runs: Runs,
    /// The rare fields, boxed; `None` while none is set.
    pub(super) rare: Option<Box<Rare>>,
}

impl Track {
    pub fn new(
        id: ThreadId,
        name: &str,
        daemon: bool,
        parent: Option<ThreadId>,
        at: Nanos,
    ) -> Self {
        Track {
            id,
            parent: parent.unwrap_or(NO_THREAD),
            name: CompactString::new(name),
            born: (at.min(MAX_TIME) << 1) | u64::from(daemon),
            end: NO_TIME,
            cpu: NO_TIME,
            runs: Runs::default(),
            rare: None,
        }
    }

    /// When the thread object was created.
    pub fn created(&self) -> Nanos {
        self.born >> 1
    }

    pub fn set_created(&mut self, at: Nanos) {
        self.born = (at.min(MAX_TIME) << 1) | (self.born & 1);
    }

    pub fn daemon(&self) -> bool {
        self.born & 1 == 1
    }

    pub fn set_daemon(&mut self, daemon: bool) {
        self.born = (self.born & !1) | u64::from(daemon);
    }

    pub fn parent(&self) -> Option<ThreadId> {
        (self.parent != NO_THREAD).then_some(self.parent)
    }

    pub fn set_parent(&mut self, parent: Option<ThreadId>) {
        self.parent = parent.unwrap_or(NO_THREAD);
    }

    /// When and how its life ended.
    pub fn end(&self) -> Option<(Nanos, Outcome)> {
        (self.end != NO_TIME).then(|| (self.end >> 2, OUTCOMES[(self.end & 3) as usize]))
    }

    /// Its measured CPU time, if the run measured it.
    pub fn cpu(&self) -> Option<Nanos> {
        (self.cpu != NO_TIME).then_some(self.cpu)
    }

    /// Measured CPU time is at least `ns`.
    pub fn measured_cpu(&mut self, ns: Nanos) {
        self.cpu = self.cpu().unwrap_or(0).max(ns.min(MAX_TIME));
    }

    fn marks(&self) -> &[u64] {
        self.runs.marks()
    }

    /// When it started running (its first state), if it has.
    pub fn started(&self) -> Option<Nanos> {
        self.marks().first().map(|&m| start_of(m))
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.end().map(|(_, o)| o)
    }

    fn ended(&self) -> bool {
        self.end != NO_TIME
    }

    /// Its name as rows show it: a child process with its pid.
    pub fn label(&self) -> String {
        match self.pid() {
            Some(pid) => format!("{} ({pid})", self.name),
            None => self.name.to_string(),
        }
    }

    /// The display width of [`label`](Self::label), without building it
    /// (the name column measures every row each frame).
    pub fn label_width(&self) -> usize {
        let pid = self.pid().map_or(0, |p| p.to_string().len() + 3);
        crate::text::width(&self.name) + pid
    }

    /// It stands for a child process.
    pub fn is_process(&self) -> bool {
        self.pid().is_some()
    }

    pub fn is_alive(&self) -> bool {
        self.started().is_some() && !self.ended()
    }

    /// Its latest state while alive.
    pub fn current(&self) -> Option<State> {
        if self.ended() {
            return None;
        }
        self.marks().last().map(|&m| state_of(m))
    }

    /// The detail of its latest state while alive.
    pub fn current_detail(&self) -> DetailId {
        match (self.ended(), self.marks().len()) {
            (false, n) if n > 0 => self.runs.detail_at(n - 1),
            _ => DetailId::NONE,
        }
    }

    /// Give its current span (while alive) another detail.
    pub(super) fn set_current_detail(&mut self, detail: DetailId) {
        match (self.ended(), self.marks().len()) {
            (false, n) if n > 0 => self.runs.set_detail(n - 1, detail),
            _ => {}
        }
    }

    /// Number of stored spans.
    pub fn span_count(&self) -> usize {
        self.marks().len()
    }

    /// Heap bytes the span storage holds (capacity, not length; what is
    /// kept inline is counted with the track).
    pub fn span_bytes(&self) -> usize {
        self.runs.heap_bytes()
    }

    /// Heap bytes the rare fields' box holds (the box itself: its
    /// contents' own heap, an exception's words, a ghost's spans, aside).
    pub fn rare_bytes(&self) -> usize {
        self.rare.as_ref().map_or(0, |_| size_of::<Rare>())
    }

    fn mark(&self, i: usize) -> Option<Mark> {
        self.marks().get(i).map(|&m| Mark {
            start: start_of(m),
            state: state_of(m),
        })
    }

    /// Enter `state` (with `detail`) at `at`. Times before the last change
    /// are clamped to it, so spans stay ordered and never overlap whatever
    /// the input.
    pub fn enter(&mut self, state: State, detail: DetailId, at: Nanos) {
        if self.ended() {
            return;
        }
        let at = at.min(MAX_TIME);
        let n = self.marks().len();
        let Some(&last) = self.marks().last() else {
            self.runs.push(pack(at, state));
            self.runs.set_detail(0, detail);
            return;
        };
        let same = |runs: &Runs, k: usize| {
            state_of(runs.marks()[k]) == state && runs.detail_at(k) == detail
        };
        if same(&self.runs, n - 1) {
            return;
        }
        if at <= start_of(last) {
            // Replaces a change made at the same instant; if that brings
            // back the run before it, the two runs are one.
            self.runs.set_last(pack(start_of(last), state));
            self.runs.set_detail(n - 1, detail);
            if n >= 2 && same(&self.runs, n - 2) {
                self.runs.pop();
            }
        } else {
            self.runs.push(pack(at, state));
            self.runs.set_detail(n, detail);
        }
    }

    /// End its life at `at`.
    pub fn finish(&mut self, outcome: Outcome, at: Nanos) {
        let place = OUTCOMES.iter().position(|&o| o == outcome).unwrap_or(0);
        if let Some((end, _)) = self.end() {
            // A second end at the same instant is the truer word on how it
            // ended (a child process's exit code, known only after its end).
            if end == at.min(MAX_TIME) {
                self.end = (end << 2) | place as u64;
            }
            return;
        }
        let at = at.min(MAX_TIME);
        let at = self.marks().last().map_or(at, |&m| at.max(start_of(m)));
        // A state entered at the very instant of the end lasts no time.
        if self.marks().len() > 1 && self.marks().last().map(|&m| start_of(m)) == Some(at) {
            self.runs.pop();
        }
        self.end = (at << 2) | place as u64;
        // No span comes after the end: the growth slack can go.
        self.runs.shrink();
    }

    /// Where its life ends, looking from `now` for a live thread.
    fn life_end(&self, now: Nanos) -> Nanos {
        match self.end() {
            Some((t, _)) => t,
            None => now.max(self.marks().last().map_or(0, |&m| start_of(m))),
        }
    }

    /// The index of the run at `t` (ignoring the end of life), if `t` is
    /// at or after the first.
    fn run_at(&self, t: Nanos) -> Option<usize> {
        self.runs.count_upto(key(t)).checked_sub(1)
    }

    /// The state at program time `t` (None before it started or after it ended).
    pub fn state_at(&self, t: Nanos) -> Option<State> {
        if self.end().is_some_and(|(end, _)| t >= end) {
            return None;
        }
        self.run_at(t).map(|k| state_of(self.marks()[k]))
    }

    /// The details of its spans at or before `t`, latest first (spans
    /// without one skipped): where the thread was last seen, for the code
    /// pane.
    pub fn details_before(&self, t: Nanos) -> impl Iterator<Item = DetailId> + '_ {
        let k = self.run_at(t).map_or(0, |k| k + 1);
        self.runs.details_before(k)
    }

    /// The span at program time `t`, with both ends.
    pub fn span_at(&self, t: Nanos, now: Nanos) -> Option<Span> {
        if self.end().is_some_and(|(end, _)| t >= end) {
            return None;
        }
        self.run_at(t).map(|k| self.span(k, self.life_end(now)))
    }

    fn span(&self, k: usize, life_end: Nanos) -> Span {
        let marks = self.marks();
        Span {
            start: start_of(marks[k]),
            end: marks.get(k + 1).map_or(life_end, |&m| start_of(m)),
            state: state_of(marks[k]),
            detail: self.runs.detail_at(k),
        }
    }

    /// The state at `t` (ignoring the end of life) and the next change
    /// after it. `hint` carries the position between calls: when `t` only
    /// grows (cells left to right) a galloping search from there makes each
    /// call nearly constant time, however many spans there are.
    pub fn around(&self, t: Nanos, hint: &mut usize) -> (Option<State>, Option<Mark>) {
        let key = key(t);
        let marks = self.marks();
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
        let marks = self.marks();
        let first = hint.saturating_sub(1).min(marks.len());
        let mut total: Nanos = 0;
        for k in first..marks.len() {
            let start = start_of(marks[k]);
            if start >= to {
                break;
            }
            let next = marks.get(k + 1).map_or(to, |&m| start_of(m).min(to));
            if pred(state_of(marks[k])) && next > from {
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
        (first..self.marks().len())
            .map(move |k| self.span(k, life_end))
            .take_while(move |s| s.start < to)
            .filter(move |s| s.end > from || (s.end == s.start && s.start >= from))
    }

    /// All spans, one per mark, the last one of a live thread reaching
    /// `now` (from the end too: the last few of a long life cost a few).
    pub fn spans(&self, now: Nanos) -> impl DoubleEndedIterator<Item = Span> + '_ {
        let life_end = self.life_end(now);
        (0..self.marks().len()).map(move |k| self.span(k, life_end))
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
        let mut t = Track::new(1, "작업자 0", false, None, 0);
        assert_eq!(t.label_width(), crate::text::width(&t.label()));
        t.set_pid(Some(4242));
        assert_eq!(t.label(), "작업자 0 (4242)");
        assert_eq!(t.label_width(), crate::text::width(&t.label()));
    }

    #[test]
    fn a_detail_change_in_one_state_is_a_new_span() {
        let mut t = Track::new(1, "w", false, None, 0);
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
    fn a_second_end_at_the_same_instant_says_how_and_a_later_one_nothing() {
        let mut t = Track::new(1, "process", false, None, 0);
        t.enter(State::Running, DetailId::NONE, 0);
        t.finish(Outcome::Finished, 10);
        t.finish(Outcome::Failed, 10);
        assert_eq!(t.end(), Some((10, Outcome::Failed)));
        t.finish(Outcome::Finished, 11);
        assert_eq!(t.end(), Some((10, Outcome::Failed)));
    }

    #[test]
    fn times_past_the_bound_are_held_at_it() {
        let mut t = Track::new(1, "w", false, None, 0);
        t.enter(State::Running, 0.into(), u64::MAX);
        assert_eq!(t.started(), Some(MAX_TIME));
        t.finish(Outcome::Finished, u64::MAX);
        assert_eq!(t.end(), Some((MAX_TIME, Outcome::Finished)));
    }
}
