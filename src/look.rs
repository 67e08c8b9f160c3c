//! The one place that says how each thread state and outcome looks and is
//! called: its glyph (readable without colour), its colour and its words
//! (by their id in the message catalogue, so they can be said in any language).

use std::sync::LazyLock;

use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

use crate::event::{Outcome, State};
use crate::i18n::Lang;

/// How a state or an end is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Fills the timeline cells of a span.
    pub glyph: char,
    /// Its colour on a dark terminal (the default theme, and pictures)…
    pub color: Color,
    /// …on a projector (`--theme contrast`: bright, nothing dim)…
    pub contrast: Color,
    /// …and on a light terminal (`--theme light`: dark enough on white).
    pub light: Color,
    /// Catalogue id of the short words for the state column and the plain summary.
    pub label_id: &'static str,
    /// Catalogue id of a sentence fragment for explanations and the legend.
    pub meaning_id: &'static str,
}

impl Look {
    /// The short words, in `lang`.
    pub fn label(&self, lang: Lang) -> String {
        lang.t(self.label_id)
    }

    /// The sentence fragment, in `lang`.
    pub fn meaning(&self, lang: Lang) -> String {
        lang.t(self.meaning_id)
    }
}

/// Every state, in legend order.
pub const STATES: [State; 7] = [
    State::Running,
    State::Sleeping,
    State::WaitingGil,
    State::WaitingCpu,
    State::Joining(0),
    State::WaitingLock,
    State::WaitingAtExit,
];

/// Every outcome, in legend order.
pub const OUTCOMES: [Outcome; 3] = [Outcome::Finished, Outcome::CutShort, Outcome::Failed];

pub fn state(s: State) -> Look {
    match s {
        State::Running => Look {
            glyph: '█',
            color: Color::Green,
            contrast: Color::LightGreen,
            light: Color::Indexed(28),
            label_id: "state-running",
            meaning_id: "state-running-meaning",
        },
        State::Sleeping => Look {
            glyph: '▒',
            color: Color::Blue,
            contrast: Color::LightBlue,
            light: Color::Indexed(25),
            label_id: "state-sleeping",
            meaning_id: "state-sleeping-meaning",
        },
        State::WaitingGil => Look {
            glyph: '░',
            color: Color::Yellow,
            contrast: Color::LightYellow,
            light: Color::Indexed(130),
            label_id: "state-waiting-gil",
            meaning_id: "state-waiting-gil-meaning",
        },
        State::WaitingCpu => Look {
            glyph: '·',
            color: Color::Gray,
            contrast: Color::White,
            light: Color::Indexed(240),
            label_id: "state-waiting-cpu",
            meaning_id: "state-waiting-cpu-meaning",
        },
        State::Joining(_) => Look {
            glyph: '┄',
            color: Color::Magenta,
            contrast: Color::LightMagenta,
            light: Color::Indexed(90),
            label_id: "state-joining",
            meaning_id: "state-joining-meaning",
        },
        State::WaitingLock => Look {
            glyph: '╌',
            color: Color::LightRed,
            contrast: Color::LightRed,
            light: Color::Indexed(124),
            label_id: "state-waiting-lock",
            meaning_id: "state-waiting-lock-meaning",
        },
        State::WaitingAtExit => Look {
            glyph: '┈',
            color: Color::Cyan,
            contrast: Color::LightCyan,
            light: Color::Indexed(30),
            label_id: "state-waiting-exit",
            meaning_id: "state-waiting-exit-meaning",
        },
    }
}

/// `main` ends by exiting the process; workers finish, are cut short or fail.
pub fn outcome(o: Outcome, is_main: bool) -> Look {
    match o {
        Outcome::Finished => Look {
            glyph: '┤',
            color: Color::Gray,
            contrast: Color::White,
            light: Color::Indexed(240),
            label_id: if is_main {
                "end-exited"
            } else {
                "end-finished"
            },
            meaning_id: "end-finished-meaning",
        },
        Outcome::CutShort => Look {
            glyph: '✂',
            color: Color::Red,
            contrast: Color::LightRed,
            light: Color::Indexed(160),
            label_id: "end-cut-short",
            meaning_id: "end-cut-short-meaning",
        },
        Outcome::Failed => Look {
            glyph: '✗',
            color: Color::LightRed,
            contrast: Color::LightRed,
            light: Color::Indexed(124),
            label_id: "end-failed",
            meaning_id: "end-failed-meaning",
        },
    }
}

/// Glyph of the process-exit and main-code-end markers.
pub const EXIT_MARK: char = '│';
pub const CODE_END_MARK: char = '╎';
/// Beside a row that stands for a child process.
pub const PROCESS_MARK: char = 'ᴾ';
/// A thread created but not started: its words in `lang`.
pub fn not_started(lang: Lang) -> String {
    lang.t("not-started")
}

/// Every label a thread's state column can show, in `lang`.
pub fn all_labels(lang: Lang) -> Vec<String> {
    let mut all: Vec<String> = STATES.iter().map(|&s| state(s).label(lang)).collect();
    for o in OUTCOMES {
        all.push(outcome(o, false).label(lang));
        all.push(outcome(o, true).label(lang));
    }
    all.push(not_started(lang));
    all
}

/// The widest label of the state column, in display columns, in `lang`.
pub fn label_width(lang: Lang) -> usize {
    static WIDTHS: LazyLock<Vec<usize>> = LazyLock::new(|| {
        Lang::ALL
            .iter()
            .map(|&l| all_labels(l).iter().map(|s| s.width()).max().unwrap_or(0))
            .collect()
    });
    WIDTHS[lang as usize]
}

/// A colour as `#rrggbb`, for pictures (SVG) drawn from the same table.
pub fn hex(c: Color) -> &'static str {
    match c {
        Color::Green => "#2e9e44",
        Color::Blue => "#3b6fd6",
        Color::Yellow => "#c99a06",
        Color::Magenta => "#a645b5",
        Color::LightRed => "#e0603a",
        Color::Cyan => "#1a9aa8",
        Color::Red => "#d12f2f",
        Color::Gray => "#6b6b6b",
        _ => "#444444",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_and_end_has_words_in_every_language() {
        for lang in Lang::ALL {
            for s in STATES {
                let l = state(s);
                assert!(crate::i18n::has(lang, l.label_id), "{:?} {lang:?}", s);
                assert!(crate::i18n::has(lang, l.meaning_id), "{:?} {lang:?}", s);
            }
            for o in OUTCOMES {
                for main in [false, true] {
                    let l = outcome(o, main);
                    assert!(crate::i18n::has(lang, l.label_id), "{o:?} {lang:?}");
                    assert!(crate::i18n::has(lang, l.meaning_id), "{o:?} {lang:?}");
                }
            }
        }
        assert_eq!(state(State::WaitingGil).label(Lang::En), "waiting GIL");
        assert_eq!(state(State::WaitingGil).label(Lang::Ko), "GIL 대기");
        assert_eq!(outcome(Outcome::Finished, true).label(Lang::En), "exited");
    }

    #[test]
    fn labels_are_short_enough_for_the_state_column() {
        // The English column is 13 wide (12 and a space): the snapshots rely on it.
        assert_eq!(label_width(Lang::En), 12);
        for lang in Lang::ALL {
            assert!(label_width(lang) <= 12, "{lang:?}");
        }
    }
}
