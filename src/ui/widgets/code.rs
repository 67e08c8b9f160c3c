//! The code pane (`c`): the program's source with, for each live thread,
//! its mark on the line where it was last seen at the present (the latest
//! state change that said its line), in its row's colour; the selected
//! thread's line lit. Python Tutor steps one thread; this shows them all.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::event::{MAIN, Nanos, State};
use crate::i18n::Lang;
use crate::look;
use crate::model::Timeline;
use crate::scenario::TwinLine;
use crate::text::{escape, fit};
use crate::tr;
use crate::ui::session::code::Code;
use crate::ui::theme::Theme;
use crate::ui::wrap::wrap_indented;

/// Marks shown before a line; more are counted as `+`.
const MARKS: usize = 3;

pub struct CodeView<'a> {
    pub code: Option<&'a Code>,
    pub timeline: &'a Timeline,
    pub now: Nanos,
    /// The selected row (an index into the tracks).
    pub selected: usize,
    /// In a split view: the lines only one of the two programs has (side
    /// 0: this one's, marked; side 1: the other's, listed first).
    pub differences: &'a [TwinLine],
    pub theme: Theme,
    pub lang: Lang,
}

impl CodeView<'_> {
    /// For each line (from 1) of the code, the rows of the threads on it.
    pub fn marks(&self) -> Vec<(usize, Vec<usize>)> {
        let Some(code) = self.code else {
            return Vec::new();
        };
        let mut at: Vec<(usize, Vec<usize>)> = Vec::new();
        for (row, track) in self.timeline.tracks().iter().enumerate() {
            let alive = track.started().is_some_and(|s| s <= self.now)
                && track.end().is_none_or(|(e, _)| e > self.now);
            if !alive {
                continue;
            }
            let Some(site) = self.timeline.site_at(track, self.now) else {
                continue;
            };
            let waiting_lock = track.state_at(self.now) == Some(State::WaitingLock);
            let Some(line) = code.line_of(site, waiting_lock) else {
                continue;
            };
            match at.iter_mut().find(|(l, _)| *l == line) {
                Some((_, rows)) => rows.push(row),
                None => at.push((line, vec![row])),
            }
        }
        at.sort_by_key(|(l, _)| *l);
        at
    }
}

impl Widget for &CodeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let th = &self.theme;
        let lang = self.lang;
        let Some(code) = self.code else {
            Paragraph::new(Span::styled(tr!(lang, "code-none"), th.dim())).render(area, buf);
            return;
        };
        if area.height == 0 {
            return;
        }
        let marks = self.marks();
        let on = |line: usize| marks.iter().find(|(l, _)| *l == line).map(|(_, r)| r);
        let selected_line = marks
            .iter()
            .find(|(_, rows)| rows.contains(&self.selected))
            .map(|(l, _)| *l);
        // The first line says what the marks are (or that there are none).
        let say = if code.steps.is_some() {
            tr!(lang, "code-twin-marks")
        } else {
            tr!(lang, "code-marks")
        };
        let mut lines = wrap_indented(&Line::styled(say, th.dim()), area.width);
        // A split view's programs: what only the other one has comes
        // first, then this one with its own lines marked.
        let theirs: Vec<&TwinLine> = self.differences.iter().filter(|d| d.side == 1).collect();
        let mine: Vec<usize> = self
            .differences
            .iter()
            .filter(|d| d.side == 0)
            .map(|d| d.line)
            .collect();
        if !self.differences.is_empty() {
            let n = mine.len();
            lines.push(Line::styled(tr!(lang, "code-only-a", n = n), th.dim()));
            lines.push(Line::styled(
                tr!(lang, "code-only-b", n = theirs.len()),
                th.dim(),
            ));
            for d in &theirs {
                let text = d.text.replace('\t', "    ");
                let room = usize::from(area.width).saturating_sub(8);
                lines.push(Line::from(vec![
                    Span::styled(format!("B+ {:>4} ", d.line), th.key()),
                    Span::raw(fit(&escape(&text), room)),
                ]));
            }
        }
        let h = usize::from(area.height).saturating_sub(lines.len());
        // The selected thread's line in view, else the first marked one.
        let focus = selected_line
            .or(marks.first().map(|(l, _)| *l))
            .unwrap_or(1);
        let last_top = code.lines.len().saturating_sub(h);
        let top = focus.saturating_sub(h / 3 + 1).min(last_top);
        let num_w = code.lines.len().max(1).to_string().len();
        for (i, text) in code.lines.iter().enumerate().skip(top).take(h) {
            let n = i + 1;
            let mut spans = Vec::new();
            let rows = on(n).map_or(&[][..], |r| r.as_slice());
            for k in 0..MARKS {
                match rows.get(k) {
                    Some(_) if k == MARKS - 1 && rows.len() > MARKS => {
                        spans.push(Span::styled("+", th.key()));
                    }
                    Some(&r) => {
                        let is_main = self.timeline.tracks()[r].id == MAIN;
                        let m = look::thread_mark(r, is_main);
                        spans.push(Span::styled(m.to_string(), th.mark(r)));
                    }
                    None => spans.push(Span::raw(" ")),
                }
            }
            if mine.contains(&n) {
                // A line only this side's program has.
                if let Some(last) = spans.last_mut() {
                    *last = Span::styled("A", th.key());
                }
            }
            let lit = Some(n) == selected_line;
            let style = if lit { th.selected() } else { Style::new() };
            spans.push(Span::styled(format!(" {n:>num_w$} "), th.dim()));
            let room = usize::from(area.width).saturating_sub(MARKS + num_w + 2);
            let text = text.replace('\t', "    ");
            spans.push(Span::styled(fit(&escape(&text), room), style));
            lines.push(Line::from(spans));
        }
        Paragraph::new(lines).render(area, buf);
    }
}
