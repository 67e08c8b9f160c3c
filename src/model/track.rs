//! One thread's life: its identity and its run-length list of states.
//!
//! A run of one state lasts until the next one starts (or the end of the
//! thread's life), so only starts are stored: 16 bytes a span, held as two
//! parallel vectors so that searching by time reads only the 8-byte starts.

use crate::event::{Nanos, Outcome, State, ThreadId};

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
    /// Start of each run, increasing.
    starts: Vec<Nanos>,
    /// State of each run; never two equal neighbours.
    states: Vec<State>,
    /// When and how its life ended.
    pub end: Option<(Nanos, Outcome)>,
    /// For the main thread of a child process: its pid…
    pub pid: Option<u32>,
    /// …and its `exitcode` once it ended (-N: killed by signal N).
    pub exit_code: Option<i32>,
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
            starts: Vec::new(),
            states: Vec::new(),
            end: None,
            pid: None,
            exit_code: None,
        }
    }

    /// When it started running (its first state), if it has.
    pub fn started(&self) -> Option<Nanos> {
        self.starts.first().copied()
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
        use unicode_width::UnicodeWidthStr;
        let pid = self.pid.map_or(0, |p| p.to_string().len() + 3);
        self.name.width() + pid
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
        self.states.last().copied()
    }

    /// Number of stored spans.
    pub fn span_count(&self) -> usize {
        self.starts.len()
    }

    /// Bytes the span storage holds (capacity, not length).
    pub fn span_bytes(&self) -> usize {
        self.starts.capacity() * size_of::<Nanos>() + self.states.capacity() * size_of::<State>()
    }

    fn mark(&self, i: usize) -> Option<Mark> {
        Some(Mark {
            start: *self.starts.get(i)?,
            state: self.states[i],
        })
    }

    /// Enter `state` at `at`. Times before the last change are clamped to it,
    /// so spans stay ordered and never overlap whatever the input.
    pub fn enter(&mut self, state: State, at: Nanos) {
        if self.end.is_some() {
            return;
        }
        let n = self.starts.len();
        match (self.starts.last(), self.states.last()) {
            (Some(_), Some(&last)) if last == state => {}
            (Some(&start), Some(_)) if at <= start => {
                // Replaces a change made at the same instant; if that brings
                // back the state before it, the two runs are one.
                self.states[n - 1] = state;
                if n >= 2 && self.states[n - 2] == state {
                    self.starts.pop();
                    self.states.pop();
                }
            }
            _ => {
                self.starts.push(at);
                self.states.push(state);
            }
        }
    }

    /// End its life at `at`.
    pub fn finish(&mut self, outcome: Outcome, at: Nanos) {
        if self.end.is_some() {
            return;
        }
        let at = self.starts.last().map_or(at, |&s| at.max(s));
        // A state entered at the very instant of the end lasts no time.
        if self.starts.len() > 1 && self.starts.last() == Some(&at) {
            self.starts.pop();
            self.states.pop();
        }
        self.end = Some((at, outcome));
    }

    /// Where its life ends, looking from `now` for a live thread.
    fn life_end(&self, now: Nanos) -> Nanos {
        match self.end {
            Some((t, _)) => t,
            None => now.max(self.starts.last().copied().unwrap_or(0)),
        }
    }

    /// The state at program time `t` (None before it started or after it ended).
    pub fn state_at(&self, t: Nanos) -> Option<State> {
        if self.end.is_some_and(|(end, _)| t >= end) {
            return None;
        }
        let i = self.starts.partition_point(|&s| s <= t);
        i.checked_sub(1).map(|k| self.states[k])
    }

    /// The first change of state after `t`.
    pub fn change_after(&self, t: Nanos) -> Option<Mark> {
        self.mark(self.starts.partition_point(|&s| s <= t))
    }

    /// The state at `t` (ignoring the end of life) and the next change
    /// after it. `hint` carries the position between calls: when `t` only
    /// grows (cells left to right) a galloping search from there makes each
    /// call nearly constant time, however many spans there are.
    pub fn around(&self, t: Nanos, hint: &mut usize) -> (Option<State>, Option<Mark>) {
        let starts = &self.starts;
        let n = starts.len();
        let mut lo = (*hint).min(n);
        if lo > 0 && starts[lo - 1] > t {
            lo = 0; // went back in time: search from the start
        }
        // Invariant: every start before `lo` is at or before `t`.
        let (mut hi, mut step) = (lo, 1);
        while hi < n && starts[hi] <= t {
            lo = hi + 1;
            hi += step;
            step <<= 1;
        }
        let hi = hi.min(n);
        let i = lo + starts[lo..hi].partition_point(|&s| s <= t);
        *hint = i;
        (i.checked_sub(1).map(|k| self.states[k]), self.mark(i))
    }

    /// Time spent running within `[from, to)`; `hint` is a span index at
    /// or before `from` (as `around` leaves it).
    pub fn running_between(&self, from: Nanos, to: Nanos, hint: usize) -> Nanos {
        let first = hint.saturating_sub(1).min(self.starts.len());
        let mut total = 0;
        for k in first..self.starts.len() {
            let start = self.starts[k];
            if start >= to {
                break;
            }
            let next = self.starts.get(k + 1).map_or(to, |&n| n.min(to));
            if self.states[k] == State::Running && next > from {
                total += next - start.max(from);
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
            .starts
            .partition_point(|&s| s <= from)
            .saturating_sub(1);
        (first..self.starts.len())
            .map(move |k| Span {
                start: self.starts[k],
                end: self.starts.get(k + 1).copied().unwrap_or(life_end),
                state: self.states[k],
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

#[cfg(test)]
mod label_tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn the_label_width_is_the_labels_width() {
        let mut t = Track::new(1, "작업자 0".into(), false, None, 0);
        assert_eq!(t.label_width(), t.label().width());
        t.pid = Some(4242);
        assert_eq!(t.label(), "작업자 0 (4242)");
        assert_eq!(t.label_width(), t.label().width());
    }
}
