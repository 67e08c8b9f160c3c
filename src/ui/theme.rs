//! Styles for the dashboard, from the one vocabulary in `look`. Without
//! colour every state still reads by its glyph alone.

use ratatui::style::{Color, Modifier, Style};

use crate::cli::ColorChoice;
use crate::event::{Outcome, State};
use crate::look;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
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
    pub fn new(color: bool) -> Self {
        Theme { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn state(&self, s: State) -> Style {
        self.fg(look::state(s).color)
    }

    /// A cell where state `a` gives way to `b` inside it (eighth blocks).
    pub fn edge(&self, a: State, b: Option<State>) -> Style {
        let s = self.state(a);
        match (self.color, b) {
            (true, Some(b)) => s.bg(look::state(b).color),
            _ => s,
        }
    }

    pub fn outcome(&self, o: Outcome, is_main: bool) -> Style {
        let s = self.fg(look::outcome(o, is_main).color);
        match o {
            Outcome::Finished => s,
            Outcome::CutShort | Outcome::Failed => s.add_modifier(Modifier::BOLD),
        }
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The tour's captions: bold, to read from the back of a classroom.
    pub fn caption(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn marker(&self) -> Style {
        self.fg(Color::Red)
    }
}
