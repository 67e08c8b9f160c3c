//! What the dashboard is showing decides which actions exist: a scenario
//! can be changed and stepped, a real program only watched and paused, a
//! recording played again. The footer and the help list only what applies;
//! a key that does nothing here says why.

use crate::i18n::Msg;
use crate::msg;
use crate::ui::keymap::{self, Action, Entry};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A scenario, run on our threads.
    Scenario,
    /// Two scenario runs in lockstep, one above the other (`v`,
    /// `threadline compare`).
    Split,
    /// A real Python program, traced.
    Trace,
    /// A recording, played back.
    Replay,
}

impl Mode {
    /// Why `action` does nothing here (`tour`: in the guided tour), or
    /// None when it applies.
    pub fn refuses(self, action: Action, tour: bool) -> Option<Msg> {
        use Action::*;
        let why = match (self, action) {
            (_, NextScene | PrevScene | Autoplay) if !tour => msg!("refused-tour-only"),
            (_, Split) if tour => msg!("refused-tour-split"),
            (Mode::Trace, Split) => msg!("refused-trace-split"),
            (Mode::Replay, Split) => msg!("refused-replay-split"),
            (Mode::Replay, Code) => msg!("refused-replay-code"),
            (Mode::Trace, Step) => msg!("refused-trace-step"),
            (Mode::Trace, Slower | Faster) => msg!("refused-trace-speed"),
            (Mode::Trace, ToggleDaemon | ToggleGil | NextPython | NextScenario | Scenario(_)) => {
                msg!("refused-trace-change")
            }
            (Mode::Replay, ToggleDaemon | ToggleGil | NextPython | NextScenario | Scenario(_)) => {
                msg!("refused-replay-change")
            }
            _ => return None,
        };
        Some(msg!("refused", key = keymap::key_of(action), why = why))
    }

    pub fn allows(self, action: Action, tour: bool) -> bool {
        self.refuses(action, tour).is_none()
    }

    /// The entries of the key table that apply here (in table order).
    pub fn entries(self, tour: bool) -> impl Iterator<Item = &'static Entry> {
        keymap::ENTRIES
            .iter()
            .filter(move |e| e.actions().any(|a| self.allows(a, tour)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replay_says_why_d_does_nothing() {
        let m = Mode::Replay.refuses(Action::ToggleDaemon, false).unwrap();
        assert_eq!(m.to_string(), "d: a replay plays what was recorded");
        assert!(Mode::Replay.allows(Action::Restart, false));
        assert!(Mode::Replay.allows(Action::Step, false));
        assert!(Mode::Scenario.allows(Action::ToggleGil, false));
    }

    #[test]
    fn the_help_lists_only_what_applies() {
        let keys = |m: Mode, tour| m.entries(tour).map(Entry::keys).collect::<Vec<_>>();
        assert!(keys(Mode::Scenario, false).contains(&"d".to_string()));
        assert!(!keys(Mode::Replay, false).contains(&"d".to_string()));
        assert!(!keys(Mode::Trace, false).contains(&".".to_string()));
        assert!(!keys(Mode::Scenario, false).contains(&"n p".to_string()));
        assert!(keys(Mode::Scenario, true).contains(&"n p".to_string()));
    }
}
