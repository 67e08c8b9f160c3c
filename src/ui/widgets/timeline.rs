//! The timeline: one row per thread against a shared time axis.
//!
//! Per visible cell it asks the model for the state at one instant (binary
//! search), so a frame costs the same for ten spans or a million. Only the
//! visible rows are drawn. Every write goes through `cell_mut`, so no size
//! of area can make it panic.

use crate::axis::{label, tick_step, ticks};
use crate::event::{MAIN, Nanos, State};
use crate::i18n::Lang;
use crate::look;
use crate::model::{Timeline, Track};
use crate::text::{escape, fit, shorten, width};
use crate::tr;
use crate::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// Left eighth blocks, 1/8 to 7/8 of a cell.
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];
/// Lower eighth blocks, 1/8 to 8/8 of a cell's height.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
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
    pub theme: Theme,
    pub lang: Lang,
}

/// How a row stands out: the selection, a thread in a deadlock.
#[derive(Debug, Clone, Copy)]
struct RowMarks {
    selected: bool,
    deadlocked: bool,
}

/// Where things are inside the widget's area (for mouse hits).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Geometry {
    pub rows: Rect,
    /// Width of the name column.
    pub name_w: u16,
    pub chart_x: u16,
    pub first_row: usize,
}

fn put(buf: &mut Buffer, x: u16, y: u16, ch: char, style: Style) {
    if let Some(c) = buf.cell_mut((x, y)) {
        c.set_char(ch).set_style(style);
    }
}

/// Write `s` from `x`, clipped at `right` (exclusive); returns where it ended.
fn put_str(buf: &mut Buffer, x: u16, y: u16, s: &str, right: u16, style: Style) -> u16 {
    if x >= right || y >= buf.area.bottom() {
        return x;
    }
    let right = right.min(buf.area.right());
    let (end, _) = buf.set_stringn(x, y, s, (right - x) as usize, style);
    end
}

impl TimelineView<'_> {
    fn name_width(&self) -> u16 {
        let w = self
            .timeline
            .tracks()
            .iter()
            .map(|t| t.label_width())
            .max()
            .unwrap_or(4)
            .max(width(&tr!(self.lang, "col-thread")));
        (w as u16).clamp(6, 20)
    }

    /// Rows, columns and the first visible row for an area.
    pub fn geometry(&self, area: Rect) -> Geometry {
        let rows = Rect {
            y: area.y.saturating_add(1),
            height: area.height.saturating_sub(2),
            ..area
        };
        let visible = rows.height as usize;
        let last_first = self.timeline.tracks().len().saturating_sub(visible);
        let first_row = if visible == 0 {
            0
        } else {
            (self.selected + 1).saturating_sub(visible).min(last_first)
        };
        let name_w = self.name_width();
        Geometry {
            rows,
            name_w,
            chart_x: area.x.saturating_add(name_w + 3 + state_col(self.lang)),
            first_row,
        }
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
        put_str(
            buf,
            area.x,
            area.y,
            &tr!(lang, "col-thread"),
            g.chart_x,
            style,
        );
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

    /// `edges`: the program time at each column boundary of the chart.
    fn draw_row(
        &self,
        buf: &mut Buffer,
        y: u16,
        track: &Track,
        row: RowMarks,
        g: &Geometry,
        edges: &[Nanos],
    ) {
        let RowMarks {
            selected,
            deadlocked,
        } = row;
        let area = g.rows;
        let th = &self.theme;
        let name_style = if selected {
            th.selected()
        } else {
            Style::new()
        };
        let nw = g.name_w;
        let name = escape(&track.label()).into_owned();
        put_str(
            buf,
            area.x,
            y,
            &fit(&shorten(&name, nw as usize), nw as usize),
            area.x + nw,
            name_style,
        );
        if deadlocked {
            put(buf, area.x + nw + 1, y, look::DEADLOCK_MARK, th.warn());
        } else if track.is_process() {
            put(buf, area.x + nw + 1, y, look::PROCESS_MARK, th.title());
        } else if track.daemon {
            put(buf, area.x + nw + 1, y, 'ᴰ', th.title());
        }
        let lang = self.lang;
        let (word, style) = match (track.end, track.current()) {
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
        let cols = area.right().saturating_sub(g.chart_x);
        let mut hint = 0;
        for (c, span) in edges.windows(2).enumerate() {
            self.draw_cell(
                buf,
                (g.chart_x + c as u16, y),
                track,
                (span[0], span[1]),
                &mut hint,
            );
        }
        self.draw_ghost(buf, y, track, g, edges);
        if let Some((end, o)) = track.end
            && let Some(c) = self.time_col(cols, end)
        {
            put(
                buf,
                g.chart_x + c,
                y,
                look::outcome(o, track.id == MAIN).glyph,
                th.outcome(o, track.id == MAIN),
            );
        }
    }

    /// After a cut: what the thread would still have done, faint, in the
    /// ghost glyph, in the cells past its end.
    fn draw_ghost(&self, buf: &mut Buffer, y: u16, track: &Track, g: &Geometry, edges: &[Nanos]) {
        let Some(ghost) = &track.ghost else { return };
        let Some((end, _)) = track.end else { return };
        let mut k = 0;
        for (c, cell) in edges.windows(2).enumerate() {
            let (a, b) = (cell[0], cell[1]);
            if b <= end {
                continue;
            }
            while k < ghost.spans.len() && ghost.spans[k].end <= a {
                k += 1;
            }
            let Some(s) = ghost.spans.get(k).filter(|s| s.start < b) else {
                if k >= ghost.spans.len() {
                    break;
                }
                continue;
            };
            put(
                buf,
                g.chart_x + c as u16,
                y,
                look::GHOST,
                self.theme.ghost(s.state),
            );
        }
    }

    /// One cell covering program time `[a, b)`.
    fn draw_cell(
        &self,
        buf: &mut Buffer,
        (x, y): (u16, u16),
        track: &Track,
        (a, b): (Nanos, Nanos),
        hint: &mut usize,
    ) {
        let Some(start) = track.started() else { return };
        let end = track.end.map_or(self.now, |(t, _)| t);
        let from = a.max(start);
        if from >= b.min(end) {
            return;
        }
        let (Some(s0), next) = track.around(from, hint) else {
            return;
        };
        let next = next.filter(|m| m.start < end);
        let seg_end = next.map_or(end, |m| m.start);
        let th = &self.theme;
        if seg_end >= b {
            put(buf, x, y, look::state(s0).glyph, th.state(s0));
        } else if from == a
            && s0 == State::Running
            && next.is_none_or(|m| !matches!(m.state, State::WaitingGil | State::WaitingCpu))
        {
            // Running gives way inside the cell: show where, to the eighth.
            // At least one eighth: a short run must stay visible.
            let eighths = (((seg_end - a) * 8 / (b - a).max(1)) as usize).max(1);
            let after = next.map(|m| m.state);
            match eighths.checked_sub(1) {
                Some(i) => put(buf, x, y, EIGHTHS[i.min(6)], th.edge(s0, after)),
                None => {
                    let s = after.unwrap_or(s0);
                    put(buf, x, y, look::state(s).glyph, th.state(s));
                }
            }
        } else {
            // Several changes inside one cell (e.g. GIL turns): the bar's
            // height is the share of the cell spent running.
            let stop = b.min(end);
            let running = track.running_between(from, stop, *hint);
            let eighths = ((running * 8 + (b - a) / 2) / (b - a).max(1)) as usize;
            match eighths.checked_sub(1) {
                Some(i) => put(buf, x, y, BARS[i.min(7)], th.state(State::Running)),
                None => {
                    let mid = a + (b - a) / 2;
                    let s = track
                        .around(mid.max(from), &mut hint.clone())
                        .0
                        .unwrap_or(s0);
                    put(buf, x, y, look::state(s).glyph, th.state(s));
                }
            }
        }
    }

    /// Markers across the rows, in cells no span uses, and their labels
    /// (one label when the two markers stand close together).
    fn draw_markers(&self, buf: &mut Buffer, area: Rect, g: &Geometry) {
        let cols = area.right().saturating_sub(g.chart_x);
        let code_end = self
            .timeline
            .main_code_end
            .and_then(|t| self.time_col(cols, t));
        let exit = self
            .timeline
            .process_exit
            .and_then(|(t, _)| self.time_col(cols, t));
        for (col, glyph) in [(code_end, look::CODE_END_MARK), (exit, look::EXIT_MARK)] {
            let Some(c) = col else { continue };
            for y in g.rows.y..g.rows.bottom() {
                if buf
                    .cell((g.chart_x + c, y))
                    .is_some_and(|cell| cell.symbol() == " ")
                {
                    put(buf, g.chart_x + c, y, glyph, self.theme.marker());
                }
            }
        }
        let lang = self.lang;
        // Closer than the first label and a little room: one label for both.
        let close = width(&tr!(lang, "marker-code-end")) as u16 + 5;
        let mut labels: Vec<(u16, String)> = Vec::new();
        match (code_end, exit) {
            (Some(a), Some(b)) if b.saturating_sub(a) < close => {
                labels.push((a, tr!(lang, "marker-both")))
            }
            _ => {
                labels.extend(code_end.map(|c| (c, tr!(lang, "marker-code-end"))));
                labels.extend(exit.map(|c| (c, tr!(lang, "marker-exit"))));
            }
        }
        let y = area.bottom().saturating_sub(1);
        if y < g.rows.y {
            return;
        }
        for (c, text) in labels {
            let x = g.chart_x + c;
            let right_side = format!("↑ {text}");
            let room_right = area.right().saturating_sub(x) as usize;
            let room_left = (x + 1).saturating_sub(g.chart_x) as usize;
            if room_right >= width(&right_side) || room_right >= room_left {
                put_str(buf, x, y, &right_side, area.right(), self.theme.marker());
            } else {
                // No room on the right: end the label at the marker.
                let left_side = format!("{text} ↑");
                let start = (x + 1)
                    .saturating_sub(width(&left_side) as u16)
                    .max(g.chart_x);
                put_str(buf, start, y, &left_side, x + 1, self.theme.marker());
            }
        }
    }
}

impl Widget for &TimelineView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let g = self.geometry(area);
        self.draw_axis(buf, area, &g);
        let tracks = self.timeline.tracks();
        let cols = area.right().saturating_sub(g.chart_x);
        let edges: Vec<Nanos> = (0..=cols).map(|c| self.col_time(cols, c)).collect();
        // The threads of a ring of waits, marked while it lasts.
        let ring: Vec<u32> = self
            .timeline
            .deadlock()
            .map(|c| c.links.iter().map(|l| l.thread).collect())
            .unwrap_or_default();
        for (k, track) in tracks
            .iter()
            .enumerate()
            .skip(g.first_row)
            .take(g.rows.height as usize)
        {
            let y = g.rows.y + (k - g.first_row) as u16;
            let row = RowMarks {
                selected: k == self.selected,
                deadlocked: ring.contains(&track.id),
            };
            self.draw_row(buf, y, track, row, &g, &edges);
        }
        self.draw_markers(buf, area, &g);
        let hidden = tracks
            .len()
            .saturating_sub(g.first_row + g.rows.height as usize);
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
