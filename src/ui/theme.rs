//! Styles for the dashboard, from the one vocabulary in `look`. Without
//! colour every state still reads by its glyph alone.

use ratatui::style::{Color, Modifier, Style};

use crate::cli::{ColorChoice, ThemeChoice};
use crate::event::{Outcome, State};
use crate::look;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub kind: ThemeChoice,
}

/// Decide colour from `--color` and the environment (NO_COLOR, CLICOLOR_FORCE).
pub fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => anstyle_query::clicolor_force() || !anstyle_query::no_color(),
    }
}

impl Theme {
    /// The default theme, for a dark terminal.
    pub fn new(color: bool) -> Self {
        Self::with(ThemeChoice::Default, color)
    }

    pub fn with(kind: ThemeChoice, color: bool) -> Self {
        Theme { color, kind }
    }

    /// The theme `--theme` and `--color` ask for (pure: see
    /// [`term::honour_colour`](super::term::honour_colour) for the terminal's part).
    pub fn of(look: crate::cli::LookArgs) -> Self {
        Theme::with(look.theme, color_enabled(look.color))
    }

    /// A state's or an end's colour in this theme (from `look`).
    fn pick(&self, l: look::Look) -> Color {
        match self.kind {
            ThemeChoice::Default => l.color,
            ThemeChoice::Contrast => l.contrast,
            ThemeChoice::Light => l.light,
        }
    }

    /// A colour of this theme: (default, contrast, light).
    fn tone(&self, dark: Color, contrast: Color, light: Color) -> Color {
        match self.kind {
            ThemeChoice::Default => dark,
            ThemeChoice::Contrast => contrast,
            ThemeChoice::Light => light,
        }
    }

    /// On a projector everything that matters is bold.
    fn strong(&self, s: Style) -> Style {
        if self.kind == ThemeChoice::Contrast {
            s.add_modifier(Modifier::BOLD)
        } else {
            s
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn state(&self, s: State) -> Style {
        self.strong(self.fg(self.pick(look::state(s))))
    }

    /// A cell where state `a` gives way to `b` inside it (eighth blocks).
    pub fn edge(&self, a: State, b: Option<State>) -> Style {
        let s = self.state(a);
        match (self.color, b) {
            (true, Some(b)) => s.bg(self.pick(look::state(b))),
            _ => s,
        }
    }

    pub fn outcome(&self, o: Outcome, is_main: bool) -> Style {
        let s = self.fg(self.pick(look::outcome(o, is_main)));
        match o {
            Outcome::Finished => self.strong(s),
            Outcome::CutShort | Outcome::Failed => s.add_modifier(Modifier::BOLD),
        }
    }

    /// A thread's end mark on its row: a cut or a failure stands out as a
    /// block of its own (reversed), readable without colour.
    pub fn end_mark(&self, o: Outcome, is_main: bool) -> Style {
        let s = self.outcome(o, is_main);
        match o {
            Outcome::Finished => s,
            Outcome::CutShort | Outcome::Failed => s.add_modifier(Modifier::REVERSED),
        }
    }

    /// What a thread cut short would still have done: faint, in the
    /// colour of the state it would have been in (its glyph tells it apart
    /// without colour; on a projector nothing is dim).
    pub fn ghost(&self, s: State) -> Style {
        match (self.kind, self.color) {
            (ThemeChoice::Contrast, _) => self.fg(self.pick(look::state(s))),
            (_, true) => self
                .fg(self.pick(look::state(s)))
                .add_modifier(Modifier::DIM),
            (_, false) => Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// A thread's mark in the GIL lane: its colour, taken in turn by row
    /// (`look::MARK_COLOURS` of them), bold.
    pub fn mark(&self, row: usize) -> Style {
        use Color::*;
        let k = row % look::MARK_COLOURS;
        let c = match self.kind {
            ThemeChoice::Default | ThemeChoice::Contrast => [
                LightGreen,
                LightCyan,
                LightMagenta,
                LightYellow,
                LightBlue,
                LightRed,
            ][k],
            ThemeChoice::Light => [28, 25, 90, 130, 24, 124].map(Indexed)[k],
        };
        self.fg(c).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        match (self.kind, self.color) {
            // Grey washes out on a projector.
            (ThemeChoice::Contrast, _) => self.fg(Color::White),
            (_, true) => {
                Style::new().fg(self.tone(Color::DarkGray, Color::White, Color::Indexed(242)))
            }
            (_, false) => Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// The tour's captions: bold, to read from the back of a classroom.
    pub fn caption(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        self.bold(self.tone(Color::Cyan, Color::White, Color::Indexed(25)))
    }

    pub fn key(&self) -> Style {
        self.bold(self.tone(Color::Yellow, Color::LightYellow, Color::Indexed(130)))
    }

    /// `colour` in bold (bold alone without colour).
    fn bold(&self, colour: Color) -> Style {
        self.fg(colour).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn warn(&self) -> Style {
        self.bold(self.tone(Color::Red, Color::LightRed, Color::Indexed(160)))
    }

    pub fn marker(&self) -> Style {
        self.strong(self.fg(self.tone(Color::Red, Color::LightRed, Color::Indexed(160))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use clap::ValueEnum;

    #[test]
    fn every_theme_tells_the_states_apart_by_colour_too() {
        for &kind in ThemeChoice::value_variants() {
            let th = Theme::with(kind, true);
            let fgs: Vec<_> = look::STATES.iter().map(|&s| th.state(s).fg).collect();
            for (i, a) in fgs.iter().enumerate() {
                assert!(a.is_some(), "{kind:?}");
                assert!(
                    !fgs[i + 1..].contains(a),
                    "{kind:?}: two states share {a:?}"
                );
            }
        }
    }

    #[test]
    fn without_colour_no_theme_sets_a_colour() {
        for &kind in ThemeChoice::value_variants() {
            let th = Theme::with(kind, false);
            for s in look::STATES {
                assert_eq!(th.state(s).fg, None);
            }
            assert_eq!(th.dim().fg, None);
            assert_eq!(th.title().fg, None);
        }
    }

    #[test]
    fn the_contrast_theme_has_nothing_grey_or_dim() {
        let th = Theme::with(ThemeChoice::Contrast, true);
        assert_eq!(th.dim().fg, Some(Color::White));
        assert!(!th.dim().add_modifier.contains(Modifier::DIM));
        assert!(
            th.state(State::Running)
                .add_modifier
                .contains(Modifier::BOLD)
        );
    }
}
