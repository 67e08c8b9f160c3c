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
    /// A scenario the user schedules (`s`): frozen, it moves one step at
    /// a time, of the thread the user picks.
    Schedule,
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
            (_, Schedule) if tour => msg!("refused-tour-schedule"),
            (Mode::Trace, Schedule) => msg!("refused-trace-schedule"),
            (Mode::Replay, Schedule) => msg!("refused-replay-schedule"),
            (Mode::Split, Schedule) => msg!("refused-split-schedule"),
            (Mode::Schedule, Pause | Step | Slower | Faster) => msg!("refused-schedule-moves"),
            (Mode::Schedule, Split) => msg!("refused-schedule-split"),
            (Mode::Schedule, Scenario(_)) => msg!("refused-schedule-digits"),
            (Mode::Scenario | Mode::Split | Mode::Trace | Mode::Replay, Pick(_) | PickSelected) => {
                msg!("refused-pick")
            }
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
        assert!(keys(Mode::Scenario, false).contains(&"s".to_string()));
        assert!(!keys(Mode::Trace, false).contains(&"s".to_string()));
        let picks = "0-9 M Enter".to_string();
        assert!(keys(Mode::Schedule, false).contains(&picks));
        assert!(!keys(Mode::Scenario, false).contains(&picks));
        assert!(!keys(Mode::Schedule, false).contains(&"space".to_string()));
    }

    #[test]
    fn scheduling_is_for_scenarios_and_says_why_not_elsewhere() {
        let why = |m: Mode, tour| m.refuses(Action::Schedule, tour).map(|m| m.to_string());
        assert_eq!(why(Mode::Scenario, false), None);
        assert_eq!(why(Mode::Schedule, false), None, "s again gives it back");
        for (m, tour) in [
            (Mode::Trace, false),
            (Mode::Replay, false),
            (Mode::Split, false),
            (Mode::Scenario, true),
        ] {
            let said = why(m, tour).unwrap();
            assert!(said.starts_with("s: ") && said.len() > 10, "{m:?}: {said}");
        }
        let pick = Mode::Scenario.refuses(Action::Pick(1), false).unwrap();
        assert!(pick.to_string().starts_with("0-9 M: "), "{pick}");
        let enter = Mode::Scenario.refuses(Action::PickSelected, false).unwrap();
        assert!(enter.to_string().starts_with("Enter: "), "{enter}");
    }
}
