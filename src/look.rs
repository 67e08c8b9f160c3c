//! The one place that says how each thread state and outcome looks and is
//! called: its glyph (readable without colour), its colour and its words.

use ratatui::style::Color;

use crate::event::{Outcome, State};

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
    /// Short words for the state column and the plain summary.
    pub label: &'static str,
    /// A sentence fragment for explanations and the legend.
    pub meaning: &'static str,
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
            label: "running",
            meaning: "executing code (holding the GIL when the GIL is on)",
        },
        State::Sleeping => Look {
            glyph: '▒',
            color: Color::Blue,
            contrast: Color::LightBlue,
            light: Color::Indexed(25),
            label: "sleeping",
            meaning: "in time.sleep or blocking I/O; the GIL is released",
        },
        State::WaitingGil => Look {
            glyph: '░',
            color: Color::Yellow,
            contrast: Color::LightYellow,
            light: Color::Indexed(130),
            label: "waiting GIL",
            meaning: "ready to run, but another thread holds the GIL",
        },
        State::WaitingCpu => Look {
            glyph: '·',
            color: Color::Gray,
            contrast: Color::White,
            light: Color::Indexed(240),
            label: "waiting CPU",
            meaning: "ready to run, but every CPU core is busy (no GIL, more threads than cores)",
        },
        State::Joining(_) => Look {
            glyph: '┄',
            color: Color::Magenta,
            contrast: Color::LightMagenta,
            light: Color::Indexed(90),
            label: "joining",
            meaning: "blocked in join() until another thread ends",
        },
        State::WaitingLock => Look {
            glyph: '╌',
            color: Color::LightRed,
            contrast: Color::LightRed,
            light: Color::Indexed(124),
            label: "waiting lock",
            meaning: "blocked acquiring a lock (start() too: it waits on a lock until the new thread runs)",
        },
        State::WaitingAtExit => Look {
            glyph: '┈',
            color: Color::Cyan,
            contrast: Color::LightCyan,
            light: Color::Indexed(30),
            label: "waiting exit",
            meaning: "main's code ended; the interpreter waits for non-daemon threads",
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
            label: if is_main { "exited" } else { "finished" },
            meaning: "its run() returned",
        },
        Outcome::CutShort => Look {
            glyph: '✂',
            color: Color::Red,
            contrast: Color::LightRed,
            light: Color::Indexed(160),
            label: "cut short",
            meaning: "a daemon thread stopped where it stood when the process exited",
        },
        Outcome::Failed => Look {
            glyph: '✗',
            color: Color::LightRed,
            contrast: Color::LightRed,
            light: Color::Indexed(124),
            label: "failed",
            meaning: "an exception escaped run(), or the process died",
        },
    }
}

/// Glyph of the process-exit and main-code-end markers.
pub const EXIT_MARK: char = '│';
pub const CODE_END_MARK: char = '╎';
/// Beside a row that stands for a child process.
pub const PROCESS_MARK: char = 'ᴾ';
/// A thread created but not started.
pub const NOT_STARTED: &str = "not started";

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
