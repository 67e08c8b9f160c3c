//! The program's output lines, with their time and thread.

use crate::event::{ThreadId, to_secs};
use crate::i18n::Lang;
use crate::model::Timeline;
use crate::text::{cut, escape, fit, shorten, width};
use crate::tr;
use crate::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// The thread column is at most this wide; longer names are cut.
pub const NAME_MAX: usize = 12;

pub struct OutputView<'a> {
    pub timeline: &'a Timeline,
    pub selected: Option<ThreadId>,
    pub theme: Theme,
    pub lang: Lang,
}

impl Widget for &OutputView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let out = &self.timeline.output;
        if out.is_empty() {
            Paragraph::new(Span::styled(
                tr!(self.lang, "output-empty"),
                self.theme.dim(),
            ))
            .render(area, buf);
            return;
        }
        let shown = &out[out.len().saturating_sub(area.height as usize)..];
        let name_w = shown
            .iter()
            .map(|l| width(&escape(&self.timeline.name_of(l.thread))))
            .max()
            .unwrap_or(0)
            .min(NAME_MAX);
        let text_w = usize::from(area.width).saturating_sub(8 + name_w + 1);
        let lines: Vec<Line> = shown
            .iter()
            .map(|l| {
                let mine = Some(l.thread) == self.selected;
                let text_style = if mine { self.theme.key() } else { Style::new() };
                Line::from(vec![
                    Span::styled(format!("{:>7.3} ", to_secs(l.at)), self.theme.dim()),
                    Span::styled(
                        format!(
                            "{} ",
                            fit(
                                &shorten(&escape(&self.timeline.name_of(l.thread)), name_w),
                                name_w
                            )
                        ),
                        self.theme.title(),
                    ),
                    // Cut by display width at the pane's edge.
                    Span::styled(cut(&escape(&l.text), text_w).to_string(), text_style),
                ])
            })
            .collect();
        Paragraph::new(lines).render(area, buf);
    }
}
