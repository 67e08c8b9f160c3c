//! The footer: the keys, from the key table, as many as fit; `? help`
//! always shows.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::i18n::Lang;
use crate::ui::keymap::{self, Action};
use crate::ui::theme::Theme;

pub fn line(theme: Theme, lang: Lang, width: u16, tour: bool) -> Line<'static> {
    // During the tour its own keys come first.
    let ordered = keymap::documented(tour)
        .filter(|b| b.tour)
        .chain(keymap::documented(tour).filter(|b| !b.tour));
    let entries: Vec<(String, String, bool)> = ordered
        .filter(|b| !b.short_id.is_empty())
        .map(|b| {
            // A pair of one-character keys reads joined ("←→"); otherwise
            // the first key stands for the others ("q Esc" → "q").
            let tokens: Vec<&str> = b.keys.split(' ').collect();
            let key = if tokens.iter().all(|t| t.chars().count() == 1) {
                tokens.concat()
            } else {
                tokens[0].to_string()
            };
            (key, b.short(lang), b.action == Action::Help)
        })
        .collect();
    let cost = |(k, s, _): &(String, String, bool)| k.width() + s.width() + 3;
    let help_cost = entries.iter().filter(|e| e.2).map(cost).sum::<usize>();
    let mut room = (width as usize).saturating_sub(1 + help_cost);
    let mut spans = vec![Span::raw(" ")];
    let push = |(k, s, _): &(String, String, bool), spans: &mut Vec<Span<'static>>| {
        spans.push(Span::styled(k.clone(), theme.key()));
        spans.push(Span::raw(format!(" {s}  ")));
    };
    for e in entries.iter().filter(|e| !e.2) {
        if cost(e) > room {
            break;
        }
        room -= cost(e);
        push(e, &mut spans);
    }
    for e in entries.iter().filter(|e| e.2) {
        push(e, &mut spans);
    }
    Line::from(spans)
}
