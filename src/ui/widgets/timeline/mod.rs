//! The timeline: one row per thread against a shared time axis, main
//! pinned on top, the rest scrolled; with the GIL on, a lane above them
//! that shows who holds it.
//!
//! Per visible cell it asks the model for the state at one instant (binary
//! search), so a frame costs the same for ten spans or a million. Only the
//! visible rows are drawn. Every write goes through `cell_mut`, so no size
//! of area can make it panic.

mod cells;
mod lane;
mod markers;

use crate::axis::{label, tick_step, ticks};
use crate::event::{MAIN, Nanos, ThreadId};
use crate::i18n::Lang;
use crate::look;
use crate::model::{Timeline, Track};
use crate::text::{fit, width};
use crate::tr;
use crate::ui::theme::Theme;
use std::sync::Arc;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// Width of the state column: the widest state label in `lang` and a space
/// (13 in English).
pub fn state_col(lang: Lang) -> u16 {
    look::label_width(lang) as u16 + 1
}

pub struct TimelineView<'a> {
    pub timeline: &'a Timeline,
    /// The program time shown, `[start, end)`.
    pub window: (Nanos, Nanos),
    pub now: Nanos,
    pub selected: usize,
    /// The first row shown below main (the list's scroll), kept so the
    /// selection stays in view with as little movement as can be.
    pub top: usize,
    /// Draw the GIL lane (the program has a GIL).
    pub gil_lane: bool,
    /// Each thread's mark beside its name even without the lane (the
    /// user schedules: the marks are the keys that pick threads).
    pub marks: bool,
    pub theme: Theme,
    pub lang: Lang,
}

/// Where things are inside the widget's area (for mouse hits).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Geometry {
    /// The thread rows (below the axis and the lane).
    pub rows: Rect,
    /// Width of the name column.
    pub name_w: u16,
    pub chart_x: u16,
    /// The first row shown after the pinned one (main), as an index into
    /// the tracks.
    pub first_row: usize,
    /// Main stands on the first row whatever the scroll.
    pub pinned: bool,
    /// The GIL lane's row, when drawn.
    pub lane: Option<u16>,
}

impl Geometry {
    /// The track shown at screen row `y`, if any.
    pub fn track_at(&self, y: u16, tracks: usize) -> Option<usize> {
        if y < self.rows.y || y >= self.rows.bottom() {
            return None;
        }
        let k = (y - self.rows.y) as usize;
        let i = match (self.pinned, k) {
            (true, 0) => 0,
            (true, k) => self.first_row + k - 1,
            (false, k) => self.first_row + k,
        };
        (i < tracks).then_some(i)
    }

    /// How many scrolled rows fit (below the pinned one).
    pub fn page(&self) -> usize {
        (self.rows.height as usize).saturating_sub(usize::from(self.pinned))
    }
}

/// The chart's columns: the program time at each column boundary, and
/// (with the GIL lane) who held the GIL longest in each column.
struct Columns {
    edges: Vec<Nanos>,
    holders: Arc<[Option<ThreadId>]>,
}

/// A chart row's cells, from its first column to the buffer's edge: the
/// chart owns them, so each is written whole, and a cell like the one
/// before it (a long span) is a copy of it.
struct Row<'b> {
    cells: &'b mut [Cell],
    last: Option<(char, Style, Cell)>,
}

impl<'b> Row<'b> {
    fn new(buf: &'b mut Buffer, x: u16, y: u16) -> Self {
        let a = buf.area;
        let cells = if a.contains(Position::new(x, y)) {
            let i = buf.index_of(x, y);
            &mut buf.content[i..i + usize::from(a.right() - x)]
        } else {
            &mut []
        };
        Row { cells, last: None }
    }

    /// Column `c` (from the row's first) shows `ch` in `style`.
    fn set(&mut self, c: usize, ch: char, style: Style) {
        let Some(cell) = self.cells.get_mut(c) else {
            return;
        };
        match &self.last {
            Some((k, s, kept)) if (*k, *s) == (ch, style) => cell.clone_from(kept),
            _ => {
                let mut made = Cell::EMPTY;
                made.set_char(ch).set_style(style);
                cell.clone_from(&made);
                self.last = Some((ch, style, made));
            }
        }
    }
}

fn put(buf: &mut Buffer, x: u16, y: u16, ch: char, style: Style) {
    if let Some(c) = buf.cell_mut((x, y)) {
        c.set_char(ch).set_style(style);
    }
}

/// Write `s` from `x`, clipped at `right` (exclusive); returns where it ended.
///
/// Printable ASCII (most names, labels and times) is one cell a byte, set
/// directly: what `set_stringn` does for it without splitting graphemes
/// and measuring each, which was a sixth of a frame.
fn put_str(buf: &mut Buffer, x: u16, y: u16, s: &str, right: u16, style: Style) -> u16 {
    let right = right.min(buf.area.right());
    if x >= right || y >= buf.area.bottom() {
        return x;
    }
    if super::lines::plain(s) {
        return super::lines::put_plain(buf, (x, y), s, right, style);
    }
    let (end, _) = buf.set_stringn(x, y, s, (right - x) as usize, style);
    end
}

impl TimelineView<'_> {
    fn name_width(&self) -> u16 {
        let lane = if self.gil_lane || self.marks { 2 } else { 0 };
        let widest = if self.timeline.tracks().is_empty() {
            4
        } else {
            self.timeline.label_width() + lane
        };
        let w = widest
            .max(width(&tr!(self.lang, "col-thread")))
            .max(width(&tr!(self.lang, "lane-gil")));
        (w as u16).clamp(6, 20 + lane as u16)
    }

    /// Rows, columns and the rows shown for an area.
    pub fn geometry(&self, area: Rect) -> Geometry {
        let tracks = self.timeline.tracks();
        let lane_h = u16::from(self.gil_lane && area.height >= 5);
        let rows = Rect {
            y: area.y.saturating_add(1 + lane_h),
            height: area.height.saturating_sub(2 + lane_h),
            ..area
        };
        let pinned = tracks.first().is_some_and(|t| t.id == MAIN) && rows.height >= 2;
        let skip = usize::from(pinned);
        let visible = (rows.height as usize).saturating_sub(skip);
        let last_first = tracks.len().saturating_sub(visible).max(skip);
        // As little scrolling as keeps the selection in view.
        let mut first = self.top.clamp(skip, last_first);
        let selected = self.selected.min(tracks.len().saturating_sub(1));
        if selected >= skip && visible > 0 {
            if selected < first {
                first = selected;
            } else if selected >= first + visible {
                first = selected + 1 - visible;
            }
        }
        let first = first.min(last_first);
        let name_w = self.name_width();
        Geometry {
            rows,
            name_w,
            chart_x: area.x.saturating_add(name_w + 3 + state_col(self.lang)),
            first_row: first,
            pinned,
            lane: (lane_h == 1).then_some(area.y + 1),
        }
    }

    /// Every track's name as its column shows it: cut to the column (with
    /// marks, the thread's mark ends it), names that differ kept
    /// different (`ThreadPoolExe…0_1`, `ThreadPoolExe…0_2`).
    fn names(&self, g: &Geometry) -> Arc<[String]> {
        let text_w = if self.gil_lane || self.marks {
            g.name_w.saturating_sub(2)
        } else {
            g.name_w
        };
        self.timeline.names_in(usize::from(text_w))
    }

    fn col_time(&self, cols: u16, c: u16) -> Nanos {
        let (s, e) = self.window;
        s + (e.saturating_sub(s) as u128 * c as u128 / cols.max(1) as u128) as Nanos
    }

    fn time_col(&self, cols: u16, t: Nanos) -> Option<u16> {
        let (s, e) = self.window;
        if t < s || t >= e {
            return None;
        }
        Some(((t - s) as u128 * cols as u128 / (e - s) as u128).min(u16::MAX as u128) as u16)
    }

    fn draw_axis(&self, buf: &mut Buffer, area: Rect, g: &Geometry) {
        let style = self.theme.dim();
        let lang = self.lang;
        // Rows scrolled away above say so where the column's name goes.
        let above = g.first_row.saturating_sub(usize::from(g.pinned));
        let head = if above > 0 {
            tr!(lang, "timeline-above", n = above)
        } else {
            tr!(lang, "col-thread")
        };
        put_str(buf, area.x, area.y, &head, area.x + g.name_w + 2, style);
        put_str(
            buf,
            area.x + g.name_w + 3,
            area.y,
            &tr!(lang, "col-state"),
            g.chart_x,
            style,
        );
        let cols = area.right().saturating_sub(g.chart_x);
        if cols == 0 {
            return;
        }
        let (s, e) = self.window;
        let step = tick_step(e.saturating_sub(s), cols, 10);
        for t in ticks(s, e, step, false, usize::from(cols)) {
            if let Some(c) = self.time_col(cols, t) {
                let x = g.chart_x + c;
                put(buf, x, area.y, '┬', style);
                put_str(buf, x + 1, area.y, &label(t, step), area.right(), style);
            }
        }
    }

    /// `cols`: the chart's columns; `row`: the track's index (for its mark), `name` what its name
    /// column says (see [`Self::names`]); `deadlocked`: the thread
    /// is in a ring of waits.
    fn draw_row(
        &self,
        buf: &mut Buffer,
        (y, row, name): (u16, usize, &str),
        deadlocked: bool,
        g: &Geometry,
        cols: &Columns,
    ) {
        let track = &self.timeline.tracks()[row];
        let area = g.rows;
        let th = &self.theme;
        let name_style = if row == self.selected {
            th.selected()
        } else {
            Style::new()
        };
        let nw = g.name_w;
        // With marks (the lane's or the scheduler's), the thread's mark
        // ends the name column.
        let marked = self.gil_lane || self.marks;
        put_str(
            buf,
            area.x,
            y,
            &fit(name, nw as usize),
            area.x + nw,
            name_style,
        );
        if marked && nw >= 3 {
            let mark = look::thread_mark(row, track.id == MAIN);
            put(buf, area.x + nw - 1, y, mark, th.mark(row));
        }
        if deadlocked {
            put(buf, area.x + nw + 1, y, look::DEADLOCK_MARK, th.warn());
        } else if track.is_process() {
            put(buf, area.x + nw + 1, y, look::PROCESS_MARK, th.title());
        } else if track.daemon() {
            put(buf, area.x + nw + 1, y, 'ᴰ', th.title());
        }
        let lang = self.lang;
        let (word, style) = match (track.end(), track.current()) {
            (Some((_, o)), _) => (
                look::outcome(o, track.id == MAIN).label(lang),
                th.outcome(o, track.id == MAIN),
            ),
            (None, Some(s)) if deadlocked => (look::state(s).label(lang), th.warn()),
            (None, Some(s)) => (look::state(s).label(lang), th.state(s)),
            (None, None) => (look::not_started(lang), th.dim()),
        };
        put_str(
            buf,
            area.x + nw + 3,
            y,
            &word,
            g.chart_x.saturating_sub(1),
            style,
        );
        self.draw_chart_row(buf, y, track, g, cols);
    }

    fn draw_chart_row(
        &self,
        buf: &mut Buffer,
        y: u16,
        track: &Track,
        g: &Geometry,
        columns: &Columns,
    ) {
        let th = &self.theme;
        let cols = g.rows.right().saturating_sub(g.chart_x);
        let mut hint = 0;
        let mut row = Row::new(buf, g.chart_x, y);
        // A state held over several cells is looked up once.
        let mut held: Option<(Nanos, char, Style)> = None;
        for (c, span) in columns.edges.windows(2).enumerate() {
            let (a, b) = (span[0], span[1]);
            if let Some((until, ch, style)) = held
                && b <= until
            {
                row.set(c, ch, style);
                continue;
            }
            let holder = columns.holders.get(c).copied().flatten();
            held = self
                .cell(track, (a, b), (&mut hint, holder))
                .map(|(ch, style, until)| {
                    row.set(c, ch, style);
                    (until, ch, style)
                });
        }
        self.draw_ghost(buf, y, track, g, &columns.edges);
        if let Some((end, o)) = track.end()
            && let Some(c) = self.time_col(cols, end)
        {
            put(
                buf,
                g.chart_x + c,
                y,
                look::outcome(o, track.id == MAIN).glyph,
                th.end_mark(o, track.id == MAIN),
            );
        }
    }
}

impl Widget for &TimelineView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if !area.is_empty() {
            self.draw(area, buf, &self.geometry(area));
        }
    }
}

impl TimelineView<'_> {
    /// Draw in `area` (inside `buf`), laid out as `g`, this view's
    /// [`Self::geometry`] of `area` (computed once a frame by the screen).
    pub fn draw(&self, area: Rect, buf: &mut Buffer, g: &Geometry) {
        let g = *g;
        self.draw_axis(buf, area, &g);
        let tracks = self.timeline.tracks();
        let cols = area.right().saturating_sub(g.chart_x);
        let edges: Vec<Nanos> = (0..=cols).map(|c| self.col_time(cols, c)).collect();
        // Who held the GIL in each cell: the lane draws it, and a cell of
        // turns draws its holder running.
        let holders = if self.gil_lane {
            self.timeline.gil_holders(&edges)
        } else {
            Arc::from([])
        };
        let columns = Columns { edges, holders };
        if let Some(y) = g.lane {
            self.draw_lane(buf, area, y, &g, &columns);
        }
        // The threads of a ring of waits, marked while it lasts.
        let ring: Vec<u32> = self
            .timeline
            .deadlock()
            .map(|c| c.links.iter().map(|l| l.thread).collect())
            .unwrap_or_default();
        let names = self.names(&g);
        for y in g.rows.y..g.rows.bottom() {
            if let Some(row) = g.track_at(y, tracks.len()) {
                let deadlocked = ring.contains(&tracks[row].id);
                self.draw_row(buf, (y, row, &names[row]), deadlocked, &g, &columns);
            }
        }
        self.draw_markers(buf, area, &g);
        let hidden = tracks.len().saturating_sub(g.first_row + g.page());
        if hidden > 0 && area.height > 2 {
            let text = tr!(self.lang, "timeline-more", n = hidden);
            put_str(
                buf,
                area.x,
                area.bottom() - 1,
                &text,
                g.chart_x,
                self.theme.dim(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::put_str;
    use proptest::prelude::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    proptest! {
        /// The ASCII path writes what `set_stringn` writes, and ends where it ends.
        #[test]
        fn put_str_writes_what_set_stringn_writes(
            s in "[ -~]{0,30}|\\PC{0,12}",
            x in 0u16..24,
            right in 0u16..30,
        ) {
            let area = Rect::new(0, 0, 20, 1);
            let style = Style::new().fg(Color::Red);
            let mut ours = Buffer::empty(area);
            let end = put_str(&mut ours, x, 0, &s, right, style);
            let mut theirs = Buffer::empty(area);
            let mut their_end = x;
            if x < right.min(area.right()) {
                let r = right.min(area.right());
                their_end = theirs.set_stringn(x, 0, &s, usize::from(r - x), style).0;
            }
            prop_assert_eq!(end, their_end);
            prop_assert_eq!(ours, theirs);
        }
    }
}
