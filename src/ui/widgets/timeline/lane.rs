//! The GIL lane: above the threads, who holds the GIL in each cell (the
//! thread that held it longest there), as that thread's own mark in its
//! own colour; the same mark stands beside the thread's name.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Geometry, TimelineView, put, put_str};
use crate::event::{MAIN, Nanos};
use crate::look;
use crate::tr;

impl TimelineView<'_> {
    /// The lane's row at `y`: its name, who holds the GIL now, and a mark
    /// per cell.
    pub(super) fn draw_lane(
        &self,
        buf: &mut Buffer,
        area: Rect,
        y: u16,
        g: &Geometry,
        edges: &[Nanos],
    ) {
        let th = &self.theme;
        put_str(
            buf,
            area.x,
            y,
            &tr!(self.lang, "lane-gil"),
            area.x + g.name_w,
            th.title(),
        );
        let tracks = self.timeline.tracks();
        let row_of = |id: u32| tracks.iter().position(|t| t.id == id);
        let lane = &self.timeline.gil;
        let holder_now = lane.holder_in(self.now.saturating_sub(1), self.now.max(1));
        let words = match holder_now.and_then(row_of) {
            Some(r) if self.timeline.process_exit.is_none() => {
                tr!(self.lang, "lane-held", name = tracks[r].label())
            }
            _ => tr!(self.lang, "lane-free"),
        };
        put_str(
            buf,
            area.x + g.name_w + 3,
            y,
            &words,
            g.chart_x.saturating_sub(1),
            th.dim(),
        );
        // One lookup of rows per holder seen, not per cell.
        let mut seen: Vec<(u32, usize)> = Vec::new();
        for (c, cell) in edges.windows(2).enumerate() {
            // Nothing is known past the present.
            if cell[0] >= self.now {
                break;
            }
            let Some(who) = lane.holder_in(cell[0], cell[1].min(self.now)) else {
                continue;
            };
            let row = match seen.iter().find(|(id, _)| *id == who) {
                Some(&(_, r)) => Some(r),
                None => {
                    let r = row_of(who);
                    if let Some(r) = r {
                        seen.push((who, r));
                    }
                    r
                }
            };
            if let Some(r) = row {
                let mark = look::thread_mark(r, who == MAIN);
                put(buf, g.chart_x + c as u16, y, mark, th.mark(r));
            }
        }
    }
}
