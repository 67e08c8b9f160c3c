//! The one place that says how each thread state and outcome looks and is
//! called: its glyph (readable without colour), its colour and its words
//! (by their id in the message catalogue, so they can be said in any language).

use std::sync::LazyLock;

use ratatui::style::Color;

use crate::event::{Outcome, State};
use crate::i18n::Lang;

/// The shape a glyph has, so that two states never look alike without
/// colour: each state's glyph is of a family of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// A full block.
    Solid,
    /// A dense shade.
    Dense,
    /// A light shade.
    Light,
    /// A small dot.
    Dot,
    /// A pointer, going somewhere.
    Pointer,
    /// A double line: held up by another thread.
    Rail,
    /// A quadrant checker: barred by a lock.
    Checker,
    /// A wave: waiting for something to happen.
    Wave,
    /// Stacked bars: waiting for the outside world.
    Bars,
    /// A thin dotted line: the process waits for others.
    Dots,
    /// An ellipsis: what never happened.
    Ellipsis,
}

/// How a state or an end is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Fills the timeline cells of a span.
    pub glyph: char,
    /// The glyph's shape (never shared by two states).
    pub family: Family,
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
pub const STATES: [State; 10] = State::ALL;

/// Every outcome, in legend order.
pub const OUTCOMES: [Outcome; 3] = [Outcome::Finished, Outcome::CutShort, Outcome::Failed];

/// Each state's look, in the order of [`State::ALL`]: glyph, family,
/// colours (dark, contrast, light) and the catalogue id of its words
/// (`state-ID` for the label, `state-ID-meaning` for the legend).
/// Dark, contrast and light colours.
type Colours = (Color, Color, Color);

#[rustfmt::skip]
const STATE_LOOKS: [(char, Family, Colours, &str, &str); 10] = {
    use Color::*;
    [
        ('█', Family::Solid, (Green, LightGreen, Indexed(28)), "state-running", "state-running-meaning"),
        ('▒', Family::Dense, (Blue, LightBlue, Indexed(25)), "state-sleeping", "state-sleeping-meaning"),
        ('░', Family::Light, (Yellow, LightYellow, Indexed(130)), "state-waiting-gil", "state-waiting-gil-meaning"),
        ('·', Family::Dot, (Gray, White, Indexed(240)), "state-waiting-cpu", "state-waiting-cpu-meaning"),
        ('▸', Family::Pointer, (Indexed(108), Indexed(151), Indexed(65)), "state-starting", "state-starting-meaning"),
        ('═', Family::Rail, (Magenta, LightMagenta, Indexed(90)), "state-joining", "state-joining-meaning"),
        ('▚', Family::Checker, (LightRed, LightRed, Indexed(124)), "state-waiting-lock", "state-waiting-lock-meaning"),
        ('≈', Family::Wave, (Indexed(173), Indexed(215), Indexed(94)), "state-waiting", "state-waiting-meaning"),
        ('≡', Family::Bars, (Indexed(67), Indexed(117), Indexed(24)), "state-blocked-io", "state-blocked-io-meaning"),
        ('┈', Family::Dots, (Cyan, LightCyan, Indexed(30)), "state-waiting-exit", "state-waiting-exit-meaning"),
    ]
};

pub fn state(s: State) -> Look {
    let (glyph, family, (color, contrast, light), label_id, meaning_id) = STATE_LOOKS[s as usize];
    Look {
        glyph,
        family,
        color,
        contrast,
        light,
        label_id,
        meaning_id,
    }
}

/// `main` ends by exiting the process; workers finish, are cut short or fail.
pub fn outcome(o: Outcome, is_main: bool) -> Look {
    match o {
        Outcome::Finished => Look {
            glyph: '┤',
            family: Family::Rail,
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
            family: Family::Solid,
            color: Color::Red,
            contrast: Color::LightRed,
            light: Color::Indexed(160),
            label_id: "end-cut-short",
            meaning_id: "end-cut-short-meaning",
        },
        Outcome::Failed => Look {
            glyph: '✗',
            family: Family::Solid,
            color: Color::LightRed,
            contrast: Color::LightRed,
            light: Color::Indexed(124),
            label_id: "end-failed",
            meaning_id: "end-failed-meaning",
        },
    }
}

/// Ghosts: the work a cut-short thread would still have done.
pub const GHOST: char = '⋯';
pub const GHOST_FAMILY: Family = Family::Ellipsis;

/// A thread's own mark in the GIL lane (and beside its name when the
/// lane shows): `M` for main, then `0`–`9`, `a`–`z`, `A`–`Z` (but `M`)
/// for the rows below it in order, `+` past those.
pub fn thread_mark(row: usize, is_main: bool) -> char {
    const MARKS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLNOPQRSTUVWXYZ";
    if is_main {
        return 'M';
    }
    row.checked_sub(1)
        .and_then(|i| MARKS.get(i))
        .map_or('+', |&b| char::from(b))
}

/// How many colours threads' marks take in turn (see `ui::theme`).
pub const MARK_COLOURS: usize = 6;

/// Glyph of the process-exit and main-code-end markers.
pub const EXIT_MARK: char = '│';
pub const CODE_END_MARK: char = '╎';
/// Beside a row that stands for a child process.
pub const PROCESS_MARK: char = 'ᴾ';
/// Beside a row whose thread is in a deadlock (a ring of waits): it takes
/// the place of the daemon and process marks while the ring lasts.
pub const DEADLOCK_MARK: char = '⟲';
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
            .map(|&l| {
                all_labels(l)
                    .iter()
                    .map(|s| crate::text::width(s))
                    .max()
                    .unwrap_or(0)
            })
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
        Color::Indexed(108) => "#6f9f6f",
        Color::Indexed(173) => "#d7875f",
        Color::Indexed(67) => "#5f87af",
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
    fn no_two_states_share_a_glyph_or_its_family() {
        let looks: Vec<Look> = STATES.iter().map(|&s| state(s)).collect();
        for (i, a) in looks.iter().enumerate() {
            for b in &looks[i + 1..] {
                assert_ne!(a.glyph, b.glyph, "{} {}", a.label_id, b.label_id);
                assert_ne!(a.family, b.family, "{} {}", a.label_id, b.label_id);
            }
            assert_ne!(a.family, GHOST_FAMILY, "{}", a.label_id);
        }
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
