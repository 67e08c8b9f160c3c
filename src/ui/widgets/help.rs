//! The help overlay: the key table and the legend, from the same tables
//! that drive dispatch and drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::look;
use crate::ui::keymap;
use crate::ui::theme::Theme;

pub struct HelpView {
    pub theme: Theme,
    /// During the tour: its keys too.
    pub tour: bool,
}

impl HelpView {
    pub fn lines(&self) -> Vec<Line<'static>> {
        let th = self.theme;
        let mut lines = vec![Line::styled("Keys", th.title())];
        for b in keymap::documented(self.tour) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<9}", b.keys), th.key()),
                Span::raw(b.help),
            ]));
        }
        lines.push(Line::raw(
            "  mouse     wheel over the chart zooms, over the names scrolls; click selects",
        ));
        lines.push(Line::raw(""));
        lines.push(Line::styled("What the glyphs mean", th.title()));
        for s in look::STATES {
            let l = look::state(s);
            lines.push(Line::from(vec![
                Span::styled(format!("  {}{}{} ", l.glyph, l.glyph, l.glyph), th.state(s)),
                Span::raw(format!("{:<13}", l.label)),
                Span::styled(l.meaning, th.dim()),
            ]));
        }
        for o in look::OUTCOMES {
            let l = look::outcome(o, false);
            lines.push(Line::from(vec![
                Span::styled(format!("    {} ", l.glyph), th.outcome(o, false)),
                Span::raw(format!("{:<13}", l.label)),
                Span::styled(l.meaning, th.dim()),
            ]));
        }
        lines.push(Line::from(vec![
            Span::styled(format!("    {} ", look::CODE_END_MARK), th.marker()),
            Span::raw("main code end  "),
            Span::styled(format!("{} ", look::EXIT_MARK), th.marker()),
            Span::raw("process exit   "),
            Span::styled("ᴰ ", th.title()),
            Span::raw("daemon thread"),
        ]));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "threadline follows what CPython really does: daemon threads are cut short when the process exits, so they never print their end line.",
            th.dim(),
        ));
        lines
    }
}

impl Widget for &HelpView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = self.lines();
        let w = area.width.saturating_sub(4).min(100);
        let h = (lines.len() as u16 + 2).min(area.height);
        let r = Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + (area.height - h) / 2,
            width: w,
            height: h,
        };
        Clear.render(r, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" help · ? to close "),
            )
            .render(r, buf);
    }
}
