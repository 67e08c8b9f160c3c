//! The GIL lane: above the threads, who holds the GIL in each cell (the
//! thread that held it longest there), as that thread's own mark in its
//! own colour; the same mark stands beside the thread's name.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Columns, Geometry, TimelineView, put, put_str};
use crate::event::MAIN;
use crate::look;
use crate::text::width;
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
        columns: &Columns,
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
        let row_of = |id: u32| self.timeline.row_of(id);
        let lane = &self.timeline.gil;
        let holder_now = lane.holder_in(self.now.saturating_sub(1), self.now.max(1));
        let (x, right) = (area.x + g.name_w + 3, g.chart_x.saturating_sub(1));
        let words = match holder_now.and_then(row_of) {
            Some(r) if self.timeline.process_exit.is_none() => {
                // The holder's name if the state column has room for it,
                // else its mark (as the lane draws it), never a name cut
                // to what others read too (`held by cpu`).
                let bare = width(&tr!(self.lang, "lane-held", name = ""));
                let room = usize::from(right.saturating_sub(x)).saturating_sub(bare);
                let label = crate::text::escape(&tracks[r].label()).into_owned();
                let mark = look::thread_mark(r, tracks[r].id == MAIN);
                let name = if width(&label) <= room {
                    label
                } else if mark != '+' {
                    mark.to_string()
                } else {
                    self.timeline.names_in(room.max(1))[r].clone()
                };
                tr!(self.lang, "lane-held", name = name)
            }
            _ => tr!(self.lang, "lane-free"),
        };
        put_str(buf, x, y, &words, right, th.dim());
        for (c, cell) in columns.edges.windows(2).enumerate() {
            // Nothing is known past the present.
            if cell[0] >= self.now {
                break;
            }
            let who = if cell[1] <= self.now {
                columns.holders.get(c).copied().flatten()
            } else {
                lane.holder_in(cell[0], self.now)
            };
            let Some(who) = who else {
                continue;
            };
            if let Some(r) = row_of(who) {
                let mark = look::thread_mark(r, who == MAIN);
                put(buf, g.chart_x + c as u16, y, mark, th.mark(r));
            }
        }
    }
}
