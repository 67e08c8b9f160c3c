//! One thread's life: its identity and its run-length list of states.

use crate::event::{Nanos, Outcome, State, ThreadId};

/// A run of one state. It lasts until the next span's start (or the end of
/// the thread's life), so only the start is stored: 16 bytes a span.
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
    marks: Vec<Mark>,
    /// When and how its life ended.
    pub end: Option<(Nanos, Outcome)>,
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
            end: None,
        }
    }

    /// When it started running (its first state), if it has.
    pub fn started(&self) -> Option<Nanos> {
        self.marks.first().map(|m| m.start)
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.end.map(|(_, o)| o)
    }

    pub fn is_alive(&self) -> bool {
        self.started().is_some() && self.end.is_none()
    }

    /// Its latest state while alive.
    pub fn current(&self) -> Option<State> {
        if self.end.is_some() {
            return None;
        }
        self.marks.last().map(|m| m.state)
    }

    /// Number of stored spans.
    pub fn span_count(&self) -> usize {
        self.marks.len()
    }

    /// Bytes the span storage holds (capacity, not length).
    pub fn span_bytes(&self) -> usize {
        self.marks.capacity() * std::mem::size_of::<Mark>()
    }

    /// Enter `state` at `at`. Times before the last change are clamped to it,
    /// so spans stay ordered and never overlap whatever the input.
    pub fn enter(&mut self, state: State, at: Nanos) {
        if self.end.is_some() {
            return;
        }
        match self.marks.last_mut() {
            Some(last) if last.state == state => {}
            Some(last) if at <= last.start => {
                // Replaces a change made at the same instant; if that brings
                // back the state before it, the two runs are one.
                last.state = state;
                let n = self.marks.len();
                if n >= 2 && self.marks[n - 2].state == state {
                    self.marks.pop();
                }
            }
            _ => self.marks.push(Mark { start: at, state }),
        }
    }

    /// End its life at `at`.
    pub fn finish(&mut self, outcome: Outcome, at: Nanos) {
        if self.end.is_some() {
            return;
        }
        let at = self.marks.last().map_or(at, |m| at.max(m.start));
        // A state entered at the very instant of the end lasts no time.
        if self.marks.len() > 1 && self.marks.last().is_some_and(|m| m.start == at) {
            self.marks.pop();
        }
        self.end = Some((at, outcome));
    }

    /// Where its life ends, looking from `now` for a live thread.
    fn life_end(&self, now: Nanos) -> Nanos {
        match self.end {
            Some((t, _)) => t,
            None => now.max(self.marks.last().map_or(0, |m| m.start)),
        }
    }

    /// The state at program time `t` (None before it started or after it ended).
    pub fn state_at(&self, t: Nanos) -> Option<State> {
        let i = self.marks.partition_point(|m| m.start <= t);
        if i == 0 {
            return None;
        }
        if let Some((end, _)) = self.end
            && t >= end
        {
            return None;
        }
        Some(self.marks[i - 1].state)
    }

    /// The first change of state after `t`.
    pub fn change_after(&self, t: Nanos) -> Option<Mark> {
        let i = self.marks.partition_point(|m| m.start <= t);
        self.marks.get(i).copied()
    }

    /// The state at `t` (ignoring the end of life) and the next change
    /// after it. `hint` carries the position between calls: when `t` only
    /// grows (cells left to right) a galloping search from there makes each
    /// call nearly constant time, however many spans there are.
    pub fn around(&self, t: Nanos, hint: &mut usize) -> (Option<State>, Option<Mark>) {
        let marks = &self.marks;
        let n = marks.len();
        let mut lo = (*hint).min(n);
        if lo > 0 && marks[lo - 1].start > t {
            lo = 0; // went back in time: search from the start
        }
        // Invariant: every mark before `lo` starts at or before `t`.
        let (mut hi, mut step) = (lo, 1);
        while hi < n && marks[hi].start <= t {
            lo = hi + 1;
            hi += step;
            step <<= 1;
        }
        let hi = hi.min(n);
        let i = lo + marks[lo..hi].partition_point(|m| m.start <= t);
        *hint = i;
        (
            i.checked_sub(1).map(|k| marks[k].state),
            marks.get(i).copied(),
        )
    }

    /// Time spent running within `[from, to)`; `hint` is a mark index at
    /// or before `from` (as `around` leaves it).
    pub fn running_between(&self, from: Nanos, to: Nanos, hint: usize) -> Nanos {
        let start = hint.saturating_sub(1).min(self.marks.len());
        let mut total = 0;
        for (k, m) in self.marks.iter().enumerate().skip(start) {
            if m.start >= to {
                break;
            }
            let next = self.marks.get(k + 1).map_or(to, |n| n.start.min(to));
            if m.state == State::Running && next > from {
                total += next - m.start.max(from);
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
        let first = self
            .marks
            .partition_point(|m| m.start <= from)
            .saturating_sub(1);
        let marks = &self.marks[first.min(self.marks.len())..];
        marks
            .iter()
            .enumerate()
            .map(move |(k, m)| Span {
                start: m.start,
                end: marks.get(k + 1).map_or(life_end, |n| n.start),
                state: m.state,
            })
            .take_while(move |s| s.start < to)
            .filter(move |s| s.end > from || (s.end == s.start && s.start >= from))
    }

    /// All spans, the last one of a live thread reaching `now`.
    pub fn spans(&self, now: Nanos) -> impl Iterator<Item = Span> + '_ {
        self.spans_between(0, Nanos::MAX, now)
    }

    /// Total time spent in states matching `pred`, up to `now`.
    pub fn time_in(&self, now: Nanos, pred: impl Fn(State) -> bool) -> Nanos {
        self.spans(now)
            .filter(|s| pred(s.state))
            .map(|s| s.end - s.start)
            .sum()
    }
}
