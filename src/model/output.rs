//! What the threads printed, in program-time order: a line goes in where
//! its time puts it (ties keep arrival order) in O(log n) whatever order
//! lines come in, and a piece of a line that goes on is found at once.
//!
//! Like a terminal's scrollback, only the last [`KEPT_LINES`] lines are
//! kept (a program printing in a loop grew threadline by 13 MB a second,
//! without end); those dropped are counted, and who printed is kept
//! apart. A reader that must see every line (plain mode's printer, a
//! replay or comparison printed at the end) holds the lines it has not
//! been handed yet: those are never dropped.

use std::collections::{BTreeMap, HashMap, HashSet};
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

/// Lines kept at most (but those held for a reader).
pub const KEPT_LINES: usize = 100_000;

/// Every line printed, in order, but the oldest beyond [`KEPT_LINES`].
/// Two are equal when they hold the same lines, whoever reads them.
#[derive(Debug, Clone, Default)]
pub struct Output {
    lines: BTreeMap<Place, OutputLine>,
    /// The line each thread and stream has open, if any.
    open: HashMap<(ThreadId, Stream), Place>,
    arrivals: u64,
    /// Lines dropped, the oldest first, to keep [`KEPT_LINES`].
    dropped: usize,
    /// Every thread that printed a line, dropped or not.
    printers: HashSet<ThreadId>,
    /// Held for a reader: the lines after this place (all of them after
    /// `Some(None)`) are kept, whatever their number.
    held: Option<Option<Place>>,
}

impl PartialEq for Output {
    fn eq(&self, other: &Self) -> bool {
        (
            &self.lines,
            &self.open,
            self.arrivals,
            self.dropped,
            &self.printers,
        ) == (
            &other.lines,
            &other.open,
            other.arrivals,
            other.dropped,
            &other.printers,
        )
    }
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
        self.printers.insert(thread);
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
        self.trim();
    }

    /// Keep every line a reader has not been handed yet (see
    /// [`Self::handed`]); with no reader, the oldest are dropped.
    pub fn hold(&mut self) {
        self.held = Some(None);
    }

    /// The held lines up to `place` were handed on: they may be dropped.
    pub fn handed(&mut self, place: Option<Place>) {
        if self.held.is_some() {
            self.held = Some(place);
            self.trim();
        }
    }

    /// Drop the oldest lines beyond [`KEPT_LINES`] that no reader holds.
    fn trim(&mut self) {
        while self.lines.len() > KEPT_LINES {
            let Some((&place, _)) = self.lines.first_key_value() else {
                return;
            };
            let held = match self.held {
                None => false,
                Some(None) => true,
                Some(Some(handed)) => place > handed,
            };
            if held {
                return;
            }
            self.lines.pop_first();
            self.open.retain(|_, p| *p != place);
            self.dropped += 1;
        }
    }

    /// Lines dropped, the oldest, to keep [`KEPT_LINES`].
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// Whether `thread` printed a line (kept or dropped).
    pub fn printed(&self, thread: ThreadId) -> bool {
        self.printers.contains(&thread)
    }

    /// Every thread that printed a line (kept or dropped).
    pub fn printers(&self) -> impl Iterator<Item = ThreadId> + '_ {
        self.printers.iter().copied()
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
    fn the_oldest_lines_go_beyond_the_kept_number_but_who_printed_stays() {
        let mut o = Output::default();
        for i in 0..KEPT_LINES + 3 {
            o.print((i % 7) as ThreadId, i as Nanos, "x", Stream::Stdout, false);
        }
        o.print(9, 0, "early", Stream::Stdout, false);
        assert_eq!(o.len(), KEPT_LINES);
        assert_eq!(
            o.dropped(),
            4,
            "three of the first, and the line placed before them"
        );
        assert_eq!(o.iter().next().map(|l| l.at), Some(3));
        assert!(o.printed(9) && o.printed(0) && !o.printed(8));
        assert_eq!(o.printers().count(), 8);
    }

    #[test]
    fn held_lines_stay_until_they_are_handed_on() {
        let mut o = Output::default();
        o.hold();
        for i in 0..KEPT_LINES + 10 {
            o.print(0, i as Nanos, "x", Stream::Stdout, false);
        }
        assert_eq!((o.len(), o.dropped()), (KEPT_LINES + 10, 0));
        let (fifth, _) = o.after(None).nth(4).unwrap();
        o.handed(Some(fifth));
        assert_eq!((o.len(), o.dropped()), (KEPT_LINES + 5, 5));
        assert_eq!(
            o.after(Some(fifth)).count(),
            KEPT_LINES + 5,
            "nothing unhanded went"
        );
        let (last, _) = o.after(None).last().unwrap();
        o.handed(Some(last));
        assert_eq!((o.len(), o.dropped()), (KEPT_LINES, 10));
    }

    #[test]
    fn an_open_line_dropped_is_no_longer_continued() {
        let mut o = Output::default();
        o.print(1, 0, "Name? ", Stream::Stdout, true);
        for i in 1..=KEPT_LINES {
            o.print(0, i as Nanos, "x", Stream::Stdout, false);
        }
        o.print(1, KEPT_LINES as Nanos + 1, "Ada", Stream::Stdout, false);
        assert_eq!(o.iter().last().map(|l| l.text.as_str()), Some("Ada"));
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
