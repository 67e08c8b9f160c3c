//! Lines of text drawn as ratatui's `Paragraph` draws them unwrapped
//! (from the left, one line a row, cut at the area's right edge), with a
//! line of printable ASCII set a byte a cell: the explanation and output
//! panes are mostly that, and splitting it into graphemes and measuring
//! each was a sixth of a frame.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

/// Printable ASCII and spaces only: a cell a byte, nothing to measure.
pub fn plain(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
}

/// Write [`plain`] text `s` from `x` on row `y`, a byte a cell, up to
/// `right` (exclusive, within the buffer); returns where it ended.
pub fn put_plain(buf: &mut Buffer, (x, y): (u16, u16), s: &str, right: u16, style: Style) -> u16 {
    let mut end = x;
    for b in s.bytes() {
        if end >= right {
            break;
        }
        buf[(end, y)].set_char(char::from(b)).set_style(style);
        end += 1;
    }
    end
}

/// `lines`, one a row from the top of the area.
pub struct Lines<'a>(pub &'a [Line<'a>]);

impl Widget for &Lines<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        for (line, y) in self.0.iter().zip(area.top()..area.bottom()) {
            let row = Rect::new(area.x, y, area.width, 1);
            let left = matches!(line.alignment, None | Some(Alignment::Left));
            if !left || !line.spans.iter().all(|s| plain(&s.content)) {
                Paragraph::new(line.clone()).render(row, buf);
                continue;
            }
            let mut x = area.x;
            for span in &line.spans {
                let style = line.style.patch(span.style);
                x = put_plain(buf, (x, y), &span.content, row.right(), style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lines;
    use proptest::prelude::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::{Line, Span};
    use ratatui::widgets::{Paragraph, Widget};

    fn style(k: u8) -> Style {
        match k % 4 {
            0 => Style::new(),
            1 => Style::new().fg(Color::Red),
            2 => Style::new().bg(Color::Blue).add_modifier(Modifier::BOLD),
            _ => Style::new()
                .fg(Color::Green)
                .remove_modifier(Modifier::BOLD),
        }
    }

    proptest! {
        /// Whatever the text (ASCII or not, wide, combining, control) and
        /// the area, what is drawn is what `Paragraph` draws.
        #[test]
        fn lines_draw_what_a_paragraph_draws(
            text in prop::collection::vec(
                prop::collection::vec(("[ -~]{0,12}|\\PC{0,6}|\\p{Cc}{0,2}", 0u8..4), 0..4),
                0..6,
            ),
            line_style in 0u8..4,
            (x, y, w, h) in (0u16..6, 0u16..4, 0u16..30, 0u16..8),
        ) {
            let lines: Vec<Line> = text
                .iter()
                .map(|spans| {
                    Line::from(
                        spans
                            .iter()
                            .map(|(t, k)| Span::styled(t.clone(), style(*k)))
                            .collect::<Vec<_>>(),
                    )
                    .style(style(line_style))
                })
                .collect();
            let whole = Rect::new(0, 0, 24, 6);
            let area = Rect::new(x, y, w, h);
            let mut ours = Buffer::empty(whole);
            (&Lines(&lines)).render(area, &mut ours);
            let mut theirs = Buffer::empty(whole);
            Paragraph::new(lines.clone()).render(area.intersection(whole), &mut theirs);
            prop_assert_eq!(ours, theirs);
        }
    }
}
