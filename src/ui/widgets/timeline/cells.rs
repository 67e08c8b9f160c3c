//! One thread's cells: the state at each column's time, a run's edge to
//! the eighth, turns on the GIL as bars over the waiting glyph's share,
//! and after a cut the ghost of what the thread never did.

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use super::{Geometry, TimelineView, put};
use crate::event::{Nanos, State, ThreadId};
use crate::look;
use crate::model::Track;

/// Left eighth blocks, 1/8 to 7/8 of a cell.
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];
/// Lower eighth blocks, 1/8 to 8/8 of a cell's height.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Waiting for a place to run (the GIL, or a core without it).
fn waits_to_run(s: State) -> bool {
    matches!(s, State::WaitingGil | State::WaitingCpu)
}

/// A cell of several changes: the cell `[a, b)`, the part of it the
/// thread lived, the search's hint there, the state it began in, and who
/// held the GIL longest in it.
struct Turns {
    cell: (Nanos, Nanos),
    seen: (Nanos, Nanos),
    hint: usize,
    s0: State,
    holder: Option<ThreadId>,
}

impl TimelineView<'_> {
    /// What the cell covering program time `[a, b)` shows: a glyph and
    /// its style, or nothing (the thread did not live then); and until
    /// when the cells after it show the same (one state held to there), or
    /// `b`.
    pub(super) fn cell(
        &self,
        track: &Track,
        (a, b): (Nanos, Nanos),
        (hint, holder): (&mut usize, Option<ThreadId>),
    ) -> Option<(char, Style, Nanos)> {
        let start = track.started()?;
        let end = track.end().map_or(self.now, |(t, _)| t);
        let from = a.max(start);
        if from >= b.min(end) {
            return None;
        }
        let (Some(s0), next) = track.around(from, hint) else {
            return None;
        };
        let next = next.filter(|m| m.start < end);
        let seg_end = next.map_or(end, |m| m.start);
        let th = &self.theme;
        if seg_end >= b {
            return Some((look::state(s0).glyph, th.state(s0), seg_end));
        }
        let (ch, style) =
            if from == a && s0 == State::Running && next.is_none_or(|m| !waits_to_run(m.state)) {
                // Running gives way inside the cell: show where, to the eighth.
                // At least one eighth: a short run must stay visible.
                let eighths = (((seg_end - a) * 8 / (b - a).max(1)) as usize).max(1);
                let after = next.map(|m| m.state);
                match eighths.checked_sub(1) {
                    Some(i) => (EIGHTHS[i.min(6)], th.edge(s0, after)),
                    None => {
                        let s = after.unwrap_or(s0);
                        (look::state(s).glyph, th.state(s))
                    }
                }
            } else {
                let turns = Turns {
                    cell: (a, b),
                    seen: (from, b.min(end)),
                    hint: *hint,
                    s0,
                    holder,
                };
                self.turns(track, turns)
            };
        Some((ch, style, b))
    }

    /// Several changes inside one cell (turns on the GIL): a thread that
    /// mostly waited to run shows the waiting glyph; otherwise a bar as
    /// high as its share of running, over the waiting colour.
    fn turns(&self, track: &Track, turns: Turns) -> (char, Style) {
        let Turns {
            cell: (a, b),
            seen: (from, stop),
            hint,
            s0,
            holder,
        } = turns;
        let th = &self.theme;
        let cell = (b - a).max(1);
        let running = track.running_between(from, stop, hint);
        let gil = track.time_between(from, stop, hint, |s| s == State::WaitingGil);
        let cpu = track.time_between(from, stop, hint, |s| s == State::WaitingCpu);
        let waiting = gil + cpu;
        let wait_state = if gil >= cpu {
            State::WaitingGil
        } else {
            State::WaitingCpu
        };
        // Taking turns with the GIL: the one that held it longest in the
        // cell is the one drawn running there (as the lane above says).
        if self.gil_lane && running > 0 && waiting > 0 && holder == Some(track.id) {
            let style = if waiting > 0 {
                th.edge(State::Running, Some(wait_state))
            } else {
                th.state(State::Running)
            };
            return (look::state(State::Running).glyph, style);
        }
        if waiting > running && waiting * 8 >= cell * 4 {
            return (look::state(wait_state).glyph, th.state(wait_state));
        }
        let eighths = ((running * 8 + cell / 2) / cell) as usize;
        match eighths.checked_sub(1) {
            Some(i) => {
                let style = if waiting > 0 {
                    th.edge(State::Running, Some(wait_state))
                } else {
                    th.state(State::Running)
                };
                (BARS[i.min(7)], style)
            }
            None => {
                let mid = a + (b - a) / 2;
                let mut h = hint;
                let s = track.around(mid.max(from), &mut h).0.unwrap_or(s0);
                (look::state(s).glyph, th.state(s))
            }
        }
    }

    /// After a cut: what the thread would still have done, faint, in the
    /// ghost glyph, in the cells past its end.
    pub(super) fn draw_ghost(
        &self,
        buf: &mut Buffer,
        y: u16,
        track: &Track,
        g: &Geometry,
        edges: &[Nanos],
    ) {
        let Some(ghost) = track.ghost() else { return };
        let Some((end, _)) = track.end() else { return };
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
}
