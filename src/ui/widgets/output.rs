//! The program's output lines, with their time and thread.

use std::collections::{BTreeMap, BTreeSet};

use crate::event::{ThreadId, to_secs};
use crate::i18n::Lang;
use crate::model::Timeline;
use crate::text::{cut, escape, fit, shorten_apart, width};
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
    /// Every line, printed or never printed, in time order.
    fn items(&self) -> Vec<Item<'_>> {
        let mut items: Vec<Item> = self
            .timeline
            .output
            .iter()
            .map(|l| Item {
                at: l.at,
                thread: l.thread,
                text: &l.text,
                never: false,
            })
            .collect();
        let ghosts = self.timeline.ghost_lines();
        if !ghosts.is_empty() {
            items.extend(ghosts.into_iter().map(|(thread, l)| Item {
                at: l.at,
                thread,
                text: &l.text,
                never: true,
            }));
            items.sort_by_key(|i| (i.at, i.never));
        }
        items
    }

    /// The name of every thread with a line in the pane, in `name_w`
    /// columns: names that differ stay different when cut, whichever lines
    /// are scrolled into view.
    fn names(&self, items: &[Item<'_>], name_w: usize) -> BTreeMap<ThreadId, String> {
        let ids: BTreeSet<ThreadId> = items.iter().map(|l| l.thread).collect();
        let full: Vec<String> = ids
            .iter()
            .map(|&t| escape(&self.timeline.name_of(t)).into_owned())
            .collect();
        let refs: Vec<&str> = full.iter().map(String::as_str).collect();
        ids.into_iter().zip(shorten_apart(&refs, name_w)).collect()
    }
}

impl Widget for &OutputView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let items = self.items();
        if items.is_empty() {
            Paragraph::new(Span::styled(
                tr!(self.lang, "output-empty"),
                self.theme.dim(),
            ))
            .render(area, buf);
            return;
        }
        let h = area.height as usize;
        let end = items
            .len()
            .saturating_sub(self.back.min(items.len().saturating_sub(h)));
        let start = end.saturating_sub(h);
        // What lies before and after takes a line of its own each.
        let above = start > 0 && h >= 3;
        let below = end < items.len() && h >= 3;
        let shown = &items[start + usize::from(above)..end - usize::from(below)];
        let name_w = shown
            .iter()
            .map(|l| width(&escape(&self.timeline.name_of(l.thread))))
            .max()
            .unwrap_or(0)
            .min(NAME_MAX);
        let text_w = usize::from(area.width).saturating_sub(8 + name_w + 1);
        let names = self.names(&items, name_w);
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
        let mut all = Vec::with_capacity(h);
        if above {
            let n = start + 1;
            all.push(Line::styled(
                tr!(self.lang, "scroll-earlier", n = n),
                self.theme.dim(),
            ));
        }
        all.extend(lines);
        if below {
            let n = items.len() - end + 1;
            all.push(Line::styled(
                tr!(self.lang, "scroll-later", n = n),
                self.theme.dim(),
            ));
        }
        Paragraph::new(all).render(area, buf);
    }
}

impl OutputView<'_> {
    /// Lines in all (printed and never printed).
    pub fn lines_in_all(&self) -> usize {
        self.timeline.output.len() + self.timeline.ghost_line_count()
    }
}
