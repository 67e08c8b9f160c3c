//! What the threads printed, in program-time order: a line goes in where
//! its time puts it (ties keep arrival order) in O(log n) whatever order
//! lines come in, and a piece of a line that goes on is found at once.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

use crate::event::{Nanos, Stream, ThreadId};

/// A line a thread printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputLine {
    pub at: Nanos,
    pub thread: ThreadId,
    pub text: String,
    pub stream: Stream,
    /// Its end has not come yet (a prompt, a flushed partial line).
    pub open: bool,
}

/// A line's place: its time, then its arrival.
pub type Place = (Nanos, u64);

/// Every line printed, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Output {
    lines: BTreeMap<Place, OutputLine>,
    /// The line each thread and stream has open, if any.
    open: HashMap<(ThreadId, Stream), Place>,
    arrivals: u64,
}

impl Output {
    /// Add printed text: a piece of a line that goes on is kept open, and
    /// the next text of that thread and stream continues it.
    pub fn print(&mut self, thread: ThreadId, at: Nanos, text: &str, stream: Stream, more: bool) {
        if let Some(place) = self.open.get(&(thread, stream)).copied()
            && let Some(line) = self.lines.get_mut(&place)
        {
            line.text.push_str(text);
            line.open = more;
            if !more {
                self.open.remove(&(thread, stream));
            }
            return;
        }
        let place = (at, self.arrivals);
        self.arrivals += 1;
        let line = OutputLine {
            at,
            thread,
            text: text.to_string(),
            stream,
            open: more,
        };
        self.lines.insert(place, line);
        if more {
            self.open.insert((thread, stream), place);
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Every line, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &OutputLine> + ExactSizeIterator {
        self.lines.values()
    }

    /// The lines after `place` (all of them from `None`), with their places.
    pub fn after(&self, place: Option<Place>) -> impl Iterator<Item = (Place, &OutputLine)> {
        let from = place.map_or(Bound::Unbounded, Bound::Excluded);
        self.lines
            .range((from, Bound::Unbounded))
            .map(|(p, l)| (*p, l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_in_any_order_come_out_in_time_order_ties_by_arrival() {
        let mut o = Output::default();
        for (at, text) in [(5, "c"), (1, "a"), (5, "d"), (3, "b")] {
            o.print(0, at, text, Stream::Stdout, false);
        }
        let texts: Vec<&str> = o.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a", "b", "c", "d"]);
    }

    #[test]
    fn an_open_line_takes_the_next_piece_of_its_thread_and_stream_only() {
        let mut o = Output::default();
        o.print(1, 0, "Name? ", Stream::Stdout, true);
        o.print(2, 1, "other", Stream::Stdout, false);
        o.print(1, 2, "err", Stream::Stderr, false);
        o.print(1, 3, "Ada", Stream::Stdout, false);
        o.print(1, 4, "next", Stream::Stdout, false);
        let texts: Vec<&str> = o.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Name? Ada", "other", "err", "next"]);
        assert!(o.iter().all(|l| !l.open));
    }

    #[test]
    fn after_a_place_comes_only_what_follows_it() {
        let mut o = Output::default();
        for at in [1, 2, 3] {
            o.print(0, at, "x", Stream::Stdout, false);
        }
        let (second, _) = o.after(None).nth(1).unwrap();
        assert_eq!(o.after(Some(second)).count(), 1);
    }
}
