//! The one table of keys: it drives dispatch, the footer and the help.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Ctrl-C: interrupts a traced program; quits otherwise.
    Interrupt,
    Pause,
    Step,
    Restart,
    ToggleDaemon,
    ToggleGil,
    Up,
    Down,
    PanLeft,
    PanRight,
    ZoomIn,
    ZoomOut,
    Follow,
    Slower,
    Faster,
    NextScenario,
    Scenario(usize),
    Help,
    /// The tour (`threadline demo`): next and previous scene, autoplay.
    NextScene,
    PrevScene,
    Autoplay,
}

/// One row of the table.
pub struct Binding {
    /// The keys as shown to the user.
    pub keys: &'static str,
    /// Short words for the footer (empty: not in the footer).
    pub short: &'static str,
    /// What it does, for the help.
    pub help: &'static str,
    pub action: Action,
    /// Only in the tour (`threadline demo`).
    pub tour: bool,
    matches: fn(&KeyEvent) -> bool,
}

fn plain(k: &KeyEvent, c: char) -> bool {
    k.code == KeyCode::Char(c) && !k.modifiers.contains(KeyModifiers::CONTROL)
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: "q Esc",
        short: "quit",
        help: "quit; every thread of the run (or the traced program) is stopped",
        tour: false,
        action: Action::Quit,
        matches: |k| plain(k, 'q') || k.code == KeyCode::Esc,
    },
    Binding {
        keys: "Ctrl-C",
        short: "",
        help: "interrupt a traced program (KeyboardInterrupt, as without threadline); otherwise quit",
        tour: false,
        action: Action::Interrupt,
        matches: |k| k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL),
    },
    Binding {
        keys: "space",
        short: "pause",
        help: "pause / resume: freezes the program's threads themselves",
        tour: false,
        action: Action::Pause,
        matches: |k| plain(k, ' '),
    },
    Binding {
        keys: ".",
        short: "step",
        help: "single step: pause, then run to the next moment a thread acts",
        tour: false,
        action: Action::Step,
        matches: |k| plain(k, '.'),
    },
    Binding {
        keys: "r",
        short: "restart",
        help: "restart the run (same seed when --seed was given)",
        tour: false,
        action: Action::Restart,
        matches: |k| plain(k, 'r'),
    },
    Binding {
        keys: "d",
        short: "daemon",
        help: "toggle daemon mode for every worker, and restart",
        tour: false,
        action: Action::ToggleDaemon,
        matches: |k| plain(k, 'd'),
    },
    Binding {
        keys: "g",
        short: "GIL",
        help: "toggle the simulated GIL (off: the free-threaded build), and restart",
        tour: false,
        action: Action::ToggleGil,
        matches: |k| plain(k, 'g'),
    },
    Binding {
        keys: "↑ ↓",
        short: "select",
        help: "select a thread (its history shows on the right)",
        tour: false,
        action: Action::Up,
        matches: |k| k.code == KeyCode::Up || plain(k, 'k'),
    },
    Binding {
        keys: "",
        short: "",
        help: "",
        tour: false,
        action: Action::Down,
        matches: |k| k.code == KeyCode::Down || plain(k, 'j'),
    },
    Binding {
        keys: "← →",
        short: "pan",
        help: "pan the time axis",
        tour: false,
        action: Action::PanLeft,
        matches: |k| k.code == KeyCode::Left || plain(k, 'h'),
    },
    Binding {
        keys: "",
        short: "",
        help: "",
        tour: false,
        action: Action::PanRight,
        matches: |k| k.code == KeyCode::Right || plain(k, 'l'),
    },
    Binding {
        keys: "+ -",
        short: "zoom",
        help: "zoom the time axis in / out",
        tour: false,
        action: Action::ZoomIn,
        matches: |k| plain(k, '+') || plain(k, '='),
    },
    Binding {
        keys: "",
        short: "",
        help: "",
        tour: false,
        action: Action::ZoomOut,
        matches: |k| plain(k, '-') || plain(k, '_'),
    },
    Binding {
        keys: "f",
        short: "follow/fit",
        help: "follow the present, or fit the whole run",
        tour: false,
        action: Action::Follow,
        matches: |k| plain(k, 'f'),
    },
    Binding {
        keys: "[ ]",
        short: "speed",
        help: "slower / faster (the axis keeps showing program seconds)",
        tour: false,
        action: Action::Slower,
        matches: |k| plain(k, '['),
    },
    Binding {
        keys: "",
        short: "",
        help: "",
        tour: false,
        action: Action::Faster,
        matches: |k| plain(k, ']'),
    },
    Binding {
        keys: "Tab 1-9",
        short: "scenario",
        help: "next scenario, or scenario 1 to 9",
        tour: false,
        action: Action::NextScenario,
        matches: |k| k.code == KeyCode::Tab,
    },
    Binding {
        keys: "n p",
        short: "scene",
        help: "the tour: next / previous scene",
        tour: true,
        action: Action::NextScene,
        matches: |k| plain(k, 'n'),
    },
    Binding {
        keys: "",
        short: "",
        help: "",
        tour: true,
        action: Action::PrevScene,
        matches: |k| plain(k, 'p'),
    },
    Binding {
        keys: "a",
        short: "autoplay",
        help: "the tour: play on by itself again (any other key takes control)",
        tour: true,
        action: Action::Autoplay,
        matches: |k| plain(k, 'a'),
    },
    Binding {
        keys: "?",
        short: "help",
        help: "show / hide this help",
        tour: false,
        action: Action::Help,
        matches: |k| plain(k, '?'),
    },
];

/// The action of a key event. Only presses count: release and repeat
/// events (sent by some terminals) would double every key.
pub fn action_for(k: &KeyEvent) -> Option<Action> {
    if k.kind != KeyEventKind::Press {
        return None;
    }
    if let KeyCode::Char(c @ '1'..='9') = k.code {
        return Some(Action::Scenario(c as usize - '1' as usize));
    }
    BINDINGS.iter().find(|b| (b.matches)(k)).map(|b| b.action)
}

/// The bindings shown in the help and the footer (those with words);
/// the tour's own only during the tour.
pub fn documented(tour: bool) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| !b.keys.is_empty() && (tour || !b.tour))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn key(code: KeyCode, kind: KeyEventKind) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn only_presses_count() {
        assert_eq!(
            action_for(&key(KeyCode::Char('q'), KeyEventKind::Press)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(&key(KeyCode::Char('q'), KeyEventKind::Release)),
            None
        );
        assert_eq!(
            action_for(&key(KeyCode::Char('q'), KeyEventKind::Repeat)),
            None
        );
    }

    #[test]
    fn ctrl_c_quits_and_digits_pick_scenarios() {
        let mut k = key(KeyCode::Char('c'), KeyEventKind::Press);
        k.modifiers = KeyModifiers::CONTROL;
        assert_eq!(action_for(&k), Some(Action::Interrupt));
        assert_eq!(
            action_for(&key(KeyCode::Char('3'), KeyEventKind::Press)),
            Some(Action::Scenario(2))
        );
        assert_eq!(
            action_for(&key(KeyCode::Char('x'), KeyEventKind::Press)),
            None
        );
    }

    #[test]
    fn every_action_has_a_binding() {
        use Action::*;
        for a in [
            Quit,
            Pause,
            Step,
            Restart,
            ToggleDaemon,
            Up,
            Down,
            PanLeft,
            PanRight,
            ZoomIn,
            ZoomOut,
            Follow,
            Slower,
            Faster,
            NextScenario,
            Help,
        ] {
            assert!(BINDINGS.iter().any(|b| b.action == a), "{a:?} has no key");
        }
    }
}
