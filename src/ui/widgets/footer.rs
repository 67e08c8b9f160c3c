//! The footer: the keys that apply here, from the key table, as many as
//! fit; `? help` always shows.

use ratatui::text::{Line, Span};

use crate::i18n::Lang;
use crate::text::width;
use crate::ui::keymap::Action;
use crate::ui::mode::Mode;
use crate::ui::theme::Theme;

pub fn line(theme: Theme, lang: Lang, cols: u16, mode: Mode, tour: bool) -> Line<'static> {
    // During the tour its own keys come first.
    let ordered = mode
        .entries(tour)
        .filter(|e| e.tour)
        .chain(mode.entries(tour).filter(|e| !e.tour));
    let entries: Vec<(String, String, bool)> = ordered
        .filter_map(|e| {
            let short = e.short(lang)?;
            Some((
                e.short_keys(),
                short,
                e.actions().any(|a| a == Action::Help),
            ))
        })
        .collect();
    let cost = |(k, s, _): &(String, String, bool)| width(k) + width(s) + 3;
    let help_cost = entries.iter().filter(|e| e.2).map(cost).sum::<usize>();
    let mut room = usize::from(cols).saturating_sub(1 + help_cost);
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
