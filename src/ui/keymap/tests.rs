//! The key table's own checks: every action bound, shown as bound, and
//! dispatched by its keys; no key bound twice.

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
    let q = |kind| action_for(&key(KeyCode::Char('q'), kind));
    assert_eq!(q(KeyEventKind::Press), Some(Action::Quit));
    assert_eq!(q(KeyEventKind::Release), None);
    assert_eq!(q(KeyEventKind::Repeat), None);
}

#[test]
fn ctrl_c_interrupts_and_digits_pick_scenarios() {
    let mut k = key(KeyCode::Char('c'), KeyEventKind::Press);
    k.modifiers = KeyModifiers::CONTROL;
    assert_eq!(action_for(&k), Some(Action::Interrupt));
    let press = |c| action_for(&key(KeyCode::Char(c), KeyEventKind::Press));
    assert_eq!(press('3'), Some(Action::Scenario(2)));
    assert_eq!(press('1'), Some(Action::Scenario(0)));
    assert_eq!(press('0'), Some(Action::Pick(1)), "0 only picks a thread");
    assert_eq!(press('x'), None);
}

#[test]
fn digits_pick_the_thread_of_their_mark_while_scheduling() {
    let press = |c| key(KeyCode::Char(c), KeyEventKind::Press);
    let scheduling = |a: Action| !matches!(a, A::Scenario(_));
    assert_eq!(action_in(&press('3'), scheduling), Some(A::Pick(4)));
    assert_eq!(action_in(&press('0'), scheduling), Some(A::Pick(1)));
    assert_eq!(action_in(&press('M'), scheduling), Some(A::Pick(0)));
    assert_eq!(action_for(&press('3')), Some(A::Scenario(2)));
    // What the mark of each row is, as drawn beside its name.
    for row in 0..=10 {
        let mark = crate::look::thread_mark(row, row == 0);
        assert_eq!(action_in(&press(mark), scheduling), Some(A::Pick(row)));
    }
    let enter = key(KeyCode::Enter, KeyEventKind::Press);
    assert_eq!(action_for(&enter), Some(A::PickSelected));
}

#[test]
fn keys_are_shown_as_they_are_bound() {
    assert_eq!(entry_of(Action::Quit).keys(), "q Esc");
    assert_eq!(entry_of(Action::Quit).short_keys(), "q");
    assert_eq!(entry_of(Action::Down).keys(), "↑ ↓");
    assert_eq!(entry_of(Action::PanLeft).short_keys(), "←→");
    // Two letters are two keys, not a word.
    assert_eq!(entry_of(Action::NextScene).short_keys(), "n/p");
    assert_eq!(entry_of(Action::Slower).short_keys(), "[]");
    assert_eq!(entry_of(Action::Scenario(4)).keys(), "Tab 1-9");
    assert_eq!(key_of(Action::ToggleDaemon), "d");
    assert_eq!(key_of(Action::Pause), "space");
    assert_eq!(key_of(Action::Interrupt), "Ctrl-C");
}

/// Each action's place in a list of all of them, by an exhaustive
/// match: a new action that is not given one here does not compile.
fn place(a: Action) -> usize {
    match a {
        A::Quit => 0,
        A::Interrupt => 1,
        A::Pause => 2,
        A::Step => 3,
        A::Restart => 4,
        A::ToggleDaemon => 5,
        A::ToggleGil => 6,
        A::Up => 7,
        A::Down => 8,
        A::PanLeft => 9,
        A::PanRight => 10,
        A::ZoomIn => 11,
        A::ZoomOut => 12,
        A::Follow => 13,
        A::Slower => 14,
        A::Faster => 15,
        A::NextScenario => 16,
        A::Scenario(_) => 17,
        A::Help => 18,
        A::NextScene => 19,
        A::PrevScene => 20,
        A::Autoplay => 21,
        A::Split => 22,
        A::FocusPane => 23,
        A::PageUp => 24,
        A::PageDown => 25,
        A::First => 26,
        A::Last => 27,
        A::Mouse => 28,
        A::Code => 29,
        A::NextPython => 30,
        A::Schedule => 31,
        A::Pick(_) => 32,
        A::PickSelected => 33,
    }
}

#[test]
fn every_action_has_a_key_and_words_in_every_language() {
    let mut bound = [false; 34];
    for e in ENTRIES {
        for a in e.actions() {
            bound[place(a)] = true;
            assert!(!key_of(a).is_empty(), "{a:?}");
            for lang in Lang::ALL {
                assert!(crate::i18n::has(lang, e.help_id), "{a:?} {lang:?}");
                if let Some(id) = e.short_id {
                    assert!(crate::i18n::has(lang, id), "{a:?} {lang:?}");
                }
            }
        }
    }
    let unbound: Vec<usize> = (0..bound.len()).filter(|&i| !bound[i]).collect();
    assert!(unbound.is_empty(), "actions without a key: {unbound:?}");
    assert_eq!(ENTRIES[0].short(Lang::Ko).as_deref(), Some("종료"));
}

#[test]
fn a_keys_press_dispatches_its_action() {
    for e in ENTRIES {
        for b in e.bindings {
            for &k in b.keys {
                let want = match b.action {
                    A::Scenario(_) => A::Scenario(0),
                    // `0` is the mark of the first row below main.
                    A::Pick(_) => A::Pick(1),
                    a => a,
                };
                assert_eq!(action_for(&k.press()), Some(want), "{k:?}");
            }
        }
    }
}

#[test]
fn no_key_is_bound_twice() {
    let mut seen: Vec<Key> = Vec::new();
    for e in ENTRIES {
        for b in e.bindings {
            for &k in b.keys {
                assert!(!seen.contains(&k), "{k:?} is bound twice");
                seen.push(k);
            }
        }
    }
}
