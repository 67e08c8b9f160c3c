//! The split view's own lines: each run's title line above its timeline
//! (the focused one marked), and what differs under both, from the two
//! models (`model::diff`, said by `explain::compare`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::app::App;
use crate::explain::compare::{Heading, differences};
use crate::i18n::Msg;
use crate::text::{cut, width};

/// Between the differences on their one line.
const SEP: &str = " · ";

/// `s` in `room` columns: whole, or cut at its end with `…`.
fn clip(s: &str, room: usize) -> String {
    if width(s) <= room {
        s.to_string()
    } else {
        format!("{}…", cut(s, room.saturating_sub(1)))
    }
}

/// As many whole differences as fit in `room`, in their order (one too
/// long is left out for those after it), then `…` if any was left out;
/// the first one cut if none fits whole.
fn join_fitting(said: &[String], room: usize) -> String {
    // Room kept for ` · …`.
    let tail = width(SEP) + 1;
    let mut out = String::new();
    let mut left_out = false;
    for s in said {
        let next = if out.is_empty() {
            s.clone()
        } else {
            format!("{out}{SEP}{s}")
        };
        if width(&next) + tail <= room {
            out = next;
        } else {
            left_out = true;
        }
    }
    match said.first() {
        Some(first) if out.is_empty() => clip(first, room),
        _ if left_out => format!("{out}{SEP}…"),
        _ => out,
    }
}

impl App {
    /// Pane `side`'s title line: its scenario, the variant, how it runs.
    pub fn heading(&self, side: usize) -> Heading {
        let s = &self.session;
        crate::setup::heading(side, s.program_of(side), s.cores_of(side), self.lang)
    }

    /// What differs between the two runs, as far as they got.
    pub fn differences(&self) -> Vec<Msg> {
        let s = &self.session;
        differences(&crate::model::diff(s.timeline_of(0), s.timeline_of(1)))
    }

    pub(super) fn render_split(&self, frame: &mut Frame, titles: [Rect; 2], diff: Rect) {
        let th = self.theme;
        for (side, area) in titles.into_iter().enumerate() {
            let focused = side == self.view.focus;
            let mark = if focused { "▶ " } else { "  " };
            let text = self.heading(side).render(self.lang);
            let room = usize::from(area.width).saturating_sub(2);
            let style = if focused { th.title() } else { th.dim() };
            let line = Line::from(vec![
                Span::styled(mark, th.key()),
                Span::styled(clip(&text, room), style),
            ]);
            frame.render_widget(line, area);
        }
        let said: Vec<String> = self
            .differences()
            .iter()
            .map(|m| m.render(self.lang))
            .collect();
        let room = usize::from(diff.width).saturating_sub(2);
        let text = join_fitting(&said, room);
        frame.render_widget(
            Line::from(vec![
                Span::styled("≠ ", th.key()),
                Span::styled(text, th.warn()),
            ]),
            diff,
        );
    }
}
