//! The main-code-end and process-exit markers: a glyph down every row
//! where no span is drawn, and a label under each that never runs into
//! the other (one label for both when they share a column or cannot both
//! fit).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Geometry, TimelineView, put, put_str};
use crate::look;
use crate::text::{cut, width};
use crate::tr;

/// A label placed on the label row: from `x`, `text` (`w` columns).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Placed {
    x: u16,
    text: String,
}

impl Placed {
    fn end(&self) -> u16 {
        self.x + width(&self.text) as u16
    }
}

/// `text` at a marker in column `x`: "↑ text" from it, or "text ↑" up to
/// it, whichever `right` asks for; None when it does not fit in `[lo, hi)`.
fn place(x: u16, text: &str, right: bool, (lo, hi): (u16, u16)) -> Option<Placed> {
    let p = if right {
        Placed {
            x,
            text: format!("↑ {text}"),
        }
    } else {
        let text = format!("{text} ↑");
        let w = width(&text) as u16;
        Placed {
            x: (x + 1).checked_sub(w)?,
            text,
        }
    };
    (p.x >= lo && p.end() <= hi).then_some(p)
}

/// Where the labels of markers at columns `a` (code end) and `b` (exit)
/// go, within `[lo, hi)`; never overlapping, one for both when need be.
fn layout(marks: [Option<(u16, String)>; 2], both: &str, span: (u16, u16)) -> Vec<Placed> {
    let one = |x: u16, text: &str| -> Vec<Placed> {
        let fitted = place(x, text, true, span).or_else(|| place(x, text, false, span));
        match fitted {
            Some(p) => vec![p],
            None => {
                // Too narrow for the words: as much as fits after the arrow.
                let room = span.1.saturating_sub(x) as usize;
                let text = cut(&format!("↑ {text}"), room).to_string();
                vec![Placed { x, text }]
            }
        }
    };
    match marks {
        [Some((a, ta)), Some((b, tb))] => {
            if a != b {
                for (ra, rb) in [(true, true), (false, true), (false, false), (true, false)] {
                    if let (Some(pa), Some(pb)) = (place(a, &ta, ra, span), place(b, &tb, rb, span))
                    {
                        let (first, second) = if pa.x <= pb.x { (&pa, &pb) } else { (&pb, &pa) };
                        if first.end() < second.x {
                            return vec![pa, pb];
                        }
                    }
                }
            }
            one(a.min(b), both)
        }
        [Some((x, t)), None] | [None, Some((x, t))] => one(x, &t),
        [None, None] => Vec::new(),
    }
}

impl TimelineView<'_> {
    /// Markers across the rows, in cells no span uses, and their labels.
    pub(super) fn draw_markers(&self, buf: &mut Buffer, area: Rect, g: &Geometry) {
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
        let y = area.bottom().saturating_sub(1);
        if y < g.rows.y {
            return;
        }
        let lang = self.lang;
        let marks = [
            code_end.map(|c| (g.chart_x + c, tr!(lang, "marker-code-end"))),
            exit.map(|c| (g.chart_x + c, tr!(lang, "marker-exit"))),
        ];
        let both = tr!(lang, "marker-both");
        for p in layout(marks, &both, (g.chart_x, area.right())) {
            put_str(buf, p.x, y, &p.text, area.right(), self.theme.marker());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(a: Option<u16>, b: Option<u16>, hi: u16) -> Vec<Placed> {
        let marks = [
            a.map(|x| (x, "main code end".to_string())),
            b.map(|x| (x, "process exit".to_string())),
        ];
        layout(marks, "main code end, process exit", (10, hi))
    }

    #[test]
    fn labels_never_overlap_and_stay_inside_at_every_place_and_width() {
        for hi in 11..120 {
            for a in 10..hi {
                for b in [a, a + 1, a + 7, a + 15, a + 40] {
                    let b = b.min(hi - 1);
                    let placed = at(Some(a), Some(b), hi);
                    assert!(!placed.is_empty());
                    for p in &placed {
                        assert!(p.x >= 10 && p.end() <= hi, "{a} {b} {hi}: {placed:?}");
                    }
                    if let [p, q] = placed.as_slice() {
                        let (f, s) = if p.x <= q.x { (p, q) } else { (q, p) };
                        assert!(f.end() < s.x, "{a} {b} {hi}: {placed:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn one_column_or_no_room_gives_one_label_for_both() {
        assert_eq!(at(Some(20), Some(20), 100).len(), 1);
        assert_eq!(
            at(Some(20), Some(20), 100)[0].text,
            "↑ main code end, process exit"
        );
        assert_eq!(at(Some(40), Some(50), 100).len(), 2, "room for both");
        assert_eq!(at(Some(20), Some(30), 100).len(), 1, "no room left of 20");
        let tight = at(Some(20), Some(22), 40);
        assert_eq!(tight.len(), 1, "{tight:?}");
    }
}
