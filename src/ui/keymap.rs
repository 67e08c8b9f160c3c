//! The one table of keys: it drives dispatch, the footer and the help.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::i18n::Lang;

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
    /// Catalogue id of short words for the footer (empty: not in the footer).
    pub short_id: &'static str,
    /// Catalogue id of what it does, for the help.
    pub help_id: &'static str,
    pub action: Action,
    /// Only in the tour (`threadline demo`).
    pub tour: bool,
    matches: fn(&KeyEvent) -> bool,
}

impl Binding {
    /// Short words for the footer, in `lang`.
    pub fn short(&self, lang: Lang) -> String {
        lang.t(self.short_id)
    }

    /// What it does, in `lang`.
    pub fn help(&self, lang: Lang) -> String {
        lang.t(self.help_id)
    }
}

fn plain(k: &KeyEvent, c: char) -> bool {
    k.code == KeyCode::Char(c) && !k.modifiers.contains(KeyModifiers::CONTROL)
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: "q Esc",
        short_id: "key-quit",
        help_id: "key-quit-help",
        tour: false,
        action: Action::Quit,
        matches: |k| plain(k, 'q') || k.code == KeyCode::Esc,
    },
    Binding {
        keys: "Ctrl-C",
        short_id: "",
        help_id: "key-interrupt-help",
        tour: false,
        action: Action::Interrupt,
        matches: |k| k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL),
    },
    Binding {
        keys: "space",
        short_id: "key-pause",
        help_id: "key-pause-help",
        tour: false,
        action: Action::Pause,
        matches: |k| plain(k, ' '),
    },
    Binding {
        keys: ".",
        short_id: "key-step",
        help_id: "key-step-help",
        tour: false,
        action: Action::Step,
        matches: |k| plain(k, '.'),
    },
    Binding {
        keys: "r",
        short_id: "key-restart",
        help_id: "key-restart-help",
        tour: false,
        action: Action::Restart,
        matches: |k| plain(k, 'r'),
    },
    Binding {
        keys: "d",
        short_id: "key-daemon",
        help_id: "key-daemon-help",
        tour: false,
        action: Action::ToggleDaemon,
        matches: |k| plain(k, 'd'),
    },
    Binding {
        keys: "g",
        short_id: "key-gil",
        help_id: "key-gil-help",
        tour: false,
        action: Action::ToggleGil,
        matches: |k| plain(k, 'g'),
    },
    Binding {
        keys: "↑ ↓",
        short_id: "key-select",
        help_id: "key-select-help",
        tour: false,
        action: Action::Up,
        matches: |k| k.code == KeyCode::Up || plain(k, 'k'),
    },
    Binding {
        keys: "",
        short_id: "",
        help_id: "",
        tour: false,
        action: Action::Down,
        matches: |k| k.code == KeyCode::Down || plain(k, 'j'),
    },
    Binding {
        keys: "← →",
        short_id: "key-pan",
        help_id: "key-pan-help",
        tour: false,
        action: Action::PanLeft,
        matches: |k| k.code == KeyCode::Left || plain(k, 'h'),
    },
    Binding {
        keys: "",
        short_id: "",
        help_id: "",
        tour: false,
        action: Action::PanRight,
        matches: |k| k.code == KeyCode::Right || plain(k, 'l'),
    },
    Binding {
        keys: "+ -",
        short_id: "key-zoom",
        help_id: "key-zoom-help",
        tour: false,
        action: Action::ZoomIn,
        matches: |k| plain(k, '+') || plain(k, '='),
    },
    Binding {
        keys: "",
        short_id: "",
        help_id: "",
        tour: false,
        action: Action::ZoomOut,
        matches: |k| plain(k, '-') || plain(k, '_'),
    },
    Binding {
        keys: "f",
        short_id: "key-follow",
        help_id: "key-follow-help",
        tour: false,
        action: Action::Follow,
        matches: |k| plain(k, 'f'),
    },
    Binding {
        keys: "[ ]",
        short_id: "key-speed",
        help_id: "key-speed-help",
        tour: false,
        action: Action::Slower,
        matches: |k| plain(k, '['),
    },
    Binding {
        keys: "",
        short_id: "",
        help_id: "",
        tour: false,
        action: Action::Faster,
        matches: |k| plain(k, ']'),
    },
    Binding {
        keys: "Tab 1-9",
        short_id: "key-scenario",
        help_id: "key-scenario-help",
        tour: false,
        action: Action::NextScenario,
        matches: |k| k.code == KeyCode::Tab,
    },
    Binding {
        keys: "n p",
        short_id: "key-scene",
        help_id: "key-scene-help",
        tour: true,
        action: Action::NextScene,
        matches: |k| plain(k, 'n'),
    },
    Binding {
        keys: "",
        short_id: "",
        help_id: "",
        tour: true,
        action: Action::PrevScene,
        matches: |k| plain(k, 'p'),
    },
    Binding {
        keys: "a",
        short_id: "key-autoplay",
        help_id: "key-autoplay-help",
        tour: true,
        action: Action::Autoplay,
        matches: |k| plain(k, 'a'),
    },
    Binding {
        keys: "?",
        short_id: "key-help",
        help_id: "key-help-help",
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
    fn every_documented_key_has_words_in_every_language() {
        for lang in Lang::ALL {
            for b in documented(true) {
                assert!(crate::i18n::has(lang, b.help_id), "{:?} {lang:?}", b.action);
                assert!(
                    b.short_id.is_empty() || crate::i18n::has(lang, b.short_id),
                    "{:?} {lang:?}",
                    b.action
                );
            }
        }
        assert_eq!(BINDINGS[0].short(Lang::Ko), "종료");
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
