//! The program's output lines, with their time and thread.

use crate::event::{ThreadId, to_secs};
use crate::i18n::Lang;
use crate::model::Timeline;
use crate::text::{cut, escape, fit, width};
use crate::tr;
use crate::ui::theme::Theme;
use crate::ui::widgets::lines::Lines;
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
    /// Lines scrolled away at the end (0: the newest shows last).
    pub back: usize,
    pub theme: Theme,
    pub lang: Lang,
}

/// A line of the pane: printed, or one a thread cut short never printed.
struct Item<'a> {
    at: crate::event::Nanos,
    thread: ThreadId,
    text: &'a str,
    never: bool,
}

impl OutputView<'_> {
    /// The lines `[start, end)` of all (printed or never printed, in time
    /// order): only those are looked at, from the newest back.
    fn items(&self, (start, end): (usize, usize)) -> Vec<Item<'_>> {
        let tl = self.timeline;
        let all = self.lines_in_all();
        let printed = tl.output.iter().rev().map(|l| Item {
            at: l.at,
            thread: l.thread,
            text: &l.text,
            never: false,
        });
        let mut items: Vec<Item> = if tl.ghost_line_count() == 0 {
            printed.skip(all - end).take(end - start).collect()
        } else {
            // Merged from the end: at the same time a printed line comes
            // before a line never printed.
            let mut ghosts = tl.ghost_lines().into_iter().rev().map(|(thread, l)| Item {
                at: l.at,
                thread,
                text: &l.text,
                never: true,
            });
            let mut printed = printed.peekable();
            let mut ghost = ghosts.next();
            let merged = std::iter::from_fn(|| match (&ghost, printed.peek()) {
                (Some(g), Some(p)) if p.at > g.at => printed.next(),
                (Some(_), _) => std::mem::replace(&mut ghost, ghosts.next()),
                (None, _) => printed.next(),
            });
            merged.skip(all - end).take(end - start).collect()
        };
        items.reverse();
        items
    }
}

impl Widget for &OutputView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let all = self.lines_in_all();
        if all == 0 {
            Paragraph::new(Span::styled(
                tr!(self.lang, "output-empty"),
                self.theme.dim(),
            ))
            .render(area, buf);
            return;
        }
        let h = area.height as usize;
        let end = all.saturating_sub(self.back.min(all.saturating_sub(h)));
        let start = end.saturating_sub(h);
        // What lies before and after takes a line of its own each.
        // Lines no longer kept are said there too, even at the top.
        let dropped = self.timeline.output.dropped();
        let above = (start > 0 || dropped > 0) && h >= 3;
        let below = end < all && h >= 3;
        let shown = self.items((start + usize::from(above), end - usize::from(below)));
        let name_w = shown
            .iter()
            .map(|l| width(&escape(&self.timeline.name_of(l.thread))))
            .max()
            .unwrap_or(0)
            .min(NAME_MAX);
        let text_w = usize::from(area.width).saturating_sub(8 + name_w + 1);
        let names = self.timeline.printer_names(name_w);
        let never = tr!(self.lang, "output-never");
        let lines: Vec<Line> = shown
            .iter()
            .map(|l| {
                let mine = Some(l.thread) == self.selected;
                let text_style = match (l.never, mine) {
                    (true, _) => self.theme.dim(),
                    (false, true) => self.theme.key(),
                    (false, false) => Style::new(),
                };
                let name = names.get(&l.thread).map_or("", String::as_str);
                let mut spans = vec![
                    Span::styled(format!("{:>7.3} ", to_secs(l.at)), self.theme.dim()),
                    Span::styled(format!("{} ", fit(name, name_w)), self.theme.title()),
                ];
                let mut room = text_w;
                if l.never {
                    // Marked, never mistaken for what the program printed.
                    let mark = format!("{} {never} ", crate::look::GHOST);
                    room = room.saturating_sub(width(&mark));
                    spans.push(Span::styled(
                        cut(&mark, text_w).to_string(),
                        self.theme.warn(),
                    ));
                }
                // Cut by display width at the pane's edge.
                spans.push(Span::styled(
                    cut(&escape(l.text), room).to_string(),
                    text_style,
                ));
                Line::from(spans)
            })
            .collect();
        let mut pane = Vec::with_capacity(h);
        if above {
            let n = start + 1;
            let text = if dropped > 0 {
                tr!(
                    self.lang,
                    "scroll-earlier-dropped",
                    n = n,
                    dropped = dropped
                )
            } else {
                tr!(self.lang, "scroll-earlier", n = n)
            };
            pane.push(Line::styled(text, self.theme.dim()));
        }
        pane.extend(lines);
        if below {
            let n = all - end + 1;
            pane.push(Line::styled(
                tr!(self.lang, "scroll-later", n = n),
                self.theme.dim(),
            ));
        }
        (&Lines(&pane)).render(area, buf);
    }
}

impl OutputView<'_> {
    /// Lines in all (printed and never printed).
    pub fn lines_in_all(&self) -> usize {
        self.timeline.output.len() + self.timeline.ghost_line_count()
    }
}
