//! The footer: the keys that apply here, from the key table, as many as
//! fit, the ones a learner needs first chosen first (the table's `rank`),
//! shown in the table's order; `? help` always shows.

use ratatui::text::{Line, Span};

use crate::i18n::Lang;
use crate::text::width;
use crate::ui::keymap::Action;
use crate::ui::mode::Mode;
use crate::ui::theme::Theme;

/// In the split view: the pane the keys act on, said after the words of
/// the keys that act on one pane (selection and scrolling; in a
/// comparison of two fixed sides, the keys that change a side too).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OnPane {
    pub pane: Option<String>,
    pub sides_fixed: bool,
    /// The mouse is captured (`m` says so when it is not).
    pub mouse: bool,
}

pub fn line(
    theme: Theme,
    lang: Lang,
    cols: u16,
    mode: Mode,
    tour: bool,
    on: OnPane,
) -> Line<'static> {
    // During the tour its own keys come first.
    let ordered = mode
        .entries(tour)
        .filter(|e| e.tour)
        .chain(mode.entries(tour).filter(|e| !e.tour));
    let entries: Vec<(String, String, bool, u8)> = ordered
        .filter_map(|e| {
            let mut short = e.short(lang)?;
            if e.actions().any(|a| a == Action::Mouse) && !on.mouse {
                short = lang.t("key-mouse-off");
            }
            if let Some(p) = &on.pane
                && (e.per_pane || (e.per_side && on.sides_fixed))
            {
                short = format!("{short} ({p})");
            }
            Some((
                e.short_keys(),
                short,
                e.actions().any(|a| a == Action::Help),
                e.rank,
            ))
        })
        .collect();
    let cost = |(k, s, _, _): &(String, String, bool, u8)| width(k) + width(s) + 3;
    let help_cost = entries.iter().filter(|e| e.2).map(cost).sum::<usize>();
    let mut room = usize::from(cols).saturating_sub(1 + help_cost);
    // The most needed first (the tour's own keys before all), each one
    // that still fits.
    let mut by_need: Vec<usize> = (0..entries.len()).filter(|&i| !entries[i].2).collect();
    by_need.sort_by_key(|&i| (entries[i].3, i));
    let mut shown = vec![false; entries.len()];
    for i in by_need {
        let c = cost(&entries[i]);
        if c <= room {
            room -= c;
            shown[i] = true;
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, (k, s, help, _)) in entries.iter().enumerate() {
        if shown[i] || *help {
            spans.push(Span::styled(k.clone(), theme.key()));
            spans.push(Span::raw(format!(" {s}  ")));
        }
    }
    Line::from(spans)
}
