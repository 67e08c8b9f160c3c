//! The one table of keys. Each entry is data: the keys, the action they
//! dispatch, and the words shown for them; matching, the footer, the help
//! and the tour's "this key takes control" all read it.

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
    /// `i`: the next interpreter the scenario models.
    NextPython,
    Up,
    Down,
    /// A page up or down, to the first or the last (of the thread list,
    /// or of the pane being read, or of the help).
    PageUp,
    PageDown,
    First,
    Last,
    PanLeft,
    PanRight,
    ZoomIn,
    ZoomOut,
    Follow,
    Slower,
    Faster,
    NextScenario,
    /// The digit keys: the scenario at this index.
    Scenario(usize),
    Help,
    /// `v`: split the view (the run and a variant of it below, in
    /// lockstep), or back to one run.
    Split,
    /// Which pane the keys act on: the timeline (each one of a split
    /// view), the output, the explanation.
    FocusPane,
    /// `m`: the mouse captured (clicks and the wheel) or left to the
    /// terminal (to select and copy text).
    Mouse,
    /// `c`: the code pane (the program's source, a mark per thread).
    Code,
    /// `s`: be the scheduler (the program frozen, the user picks which
    /// thread takes each step), or give scheduling back.
    Schedule,
    /// While scheduling: the thread of this row (the one whose mark it
    /// is) takes its next step…
    Pick(usize),
    /// …or the selected thread does (Enter).
    PickSelected,
    /// The tour (`threadline demo`): next and previous scene, autoplay.
    NextScene,
    PrevScene,
    Autoplay,
}

/// A key, as matched and as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character without Ctrl.
    Char(char),
    /// A character with Ctrl.
    Ctrl(char),
    Esc,
    Tab,
    /// Shift-Tab.
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Enter,
    /// `1` to `9`: their index is the action's.
    Digits,
    /// A thread's mark (`look::thread_mark`): `M` for main's row, `0` to
    /// `9` for the next ten; the row is the action's.
    Marks,
}

impl Key {
    /// Does `k` press this key? For the digits, which one (from 0).
    fn matches(self, k: &KeyEvent) -> Option<usize> {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        let hit = match (self, k.code) {
            (Key::Char(c), KeyCode::Char(d)) => c == d && !ctrl,
            (Key::Ctrl(c), KeyCode::Char(d)) => c == d && ctrl,
            (Key::Digits, KeyCode::Char(d @ '1'..='9')) if !ctrl => {
                return Some(d as usize - '1' as usize);
            }
            (Key::Marks, KeyCode::Char(c)) if !ctrl => {
                return (0..=10).find(|&row| crate::look::thread_mark(row, row == 0) == c);
            }
            (Key::Char(_) | Key::Ctrl(_) | Key::Digits | Key::Marks, _) => false,
            (named, code) => named.code() == code,
        };
        hit.then_some(0)
    }

    /// The code a terminal sends for it (the first digit for the digits).
    fn code(self) -> KeyCode {
        match self {
            Key::Char(c) | Key::Ctrl(c) => KeyCode::Char(c),
            Key::Esc => KeyCode::Esc,
            Key::Tab => KeyCode::Tab,
            Key::BackTab => KeyCode::BackTab,
            Key::Up => KeyCode::Up,
            Key::Down => KeyCode::Down,
            Key::Left => KeyCode::Left,
            Key::Right => KeyCode::Right,
            Key::PageUp => KeyCode::PageUp,
            Key::PageDown => KeyCode::PageDown,
            Key::Home => KeyCode::Home,
            Key::End => KeyCode::End,
            Key::Enter => KeyCode::Enter,
            Key::Digits => KeyCode::Char('1'),
            Key::Marks => KeyCode::Char('0'),
        }
    }

    /// A press of this key (the first digit for the digits), as a terminal
    /// would send it.
    pub fn press(self) -> KeyEvent {
        let modifiers = match self {
            Key::Ctrl(_) => KeyModifiers::CONTROL,
            Key::BackTab => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        KeyEvent::new(self.code(), modifiers)
    }

    /// How the key is written for people.
    pub fn text(self) -> String {
        match self {
            Key::Char(' ') => "space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Esc => "Esc".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "Shift-Tab".into(),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::Left => "←".into(),
            Key::Right => "→".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::Enter => "Enter".into(),
            Key::Digits => "1-9".into(),
            Key::Marks => "0-9 M".into(),
        }
    }
}

/// Keys bound to one action; the first is the one shown.
#[derive(Debug)]
pub struct Binding {
    pub action: Action,
    pub keys: &'static [Key],
}

/// One line of the help: its bindings and their words.
#[derive(Debug)]
pub struct Entry {
    pub bindings: &'static [Binding],
    /// Catalogue id of short words for the footer (None: not in the footer).
    pub short_id: Option<&'static str>,
    /// Catalogue id of what it does, for the help.
    pub help_id: &'static str,
    /// Only in the tour (`threadline demo`).
    pub tour: bool,
    /// It changes the program, so in the tour it takes control from it.
    pub takes_control: bool,
    /// In the split view it acts on one pane: the footer says which.
    pub per_pane: bool,
    /// In a comparison of two fixed sides it changes the focused side.
    pub per_side: bool,
    /// How soon a learner needs it, for the footer's room: 1 first (quit,
    /// pause), then what a first run is explored with (select, zoom,
    /// restart), the variants, then the rest.
    pub rank: u8,
}

impl Entry {
    /// The keys as shown: one binding's keys all ("q Esc"), or the first
    /// key of each ("↑ ↓").
    pub fn keys(&self) -> String {
        let keys: Vec<String> = match self.bindings {
            [one] => one.keys.iter().map(|k| k.text()).collect(),
            many => many.iter().map(|b| b.keys[0].text()).collect(),
        };
        keys.join(" ")
    }

    /// The keys as the footer shows them, shortest: a pair of one-character
    /// keys joined ("←→", "[]"; letters with a slash, "n/p", so that they
    /// do not read as a word), otherwise the first key alone ("q").
    pub fn short_keys(&self) -> String {
        let all = self.keys();
        let tokens: Vec<&str> = all.split(' ').collect();
        if !tokens.iter().all(|t| t.chars().count() == 1) {
            tokens[0].to_string()
        } else if tokens.len() > 1 && tokens.iter().all(|t| t.chars().all(char::is_alphanumeric)) {
            tokens.join("/")
        } else {
            tokens.concat()
        }
    }

    pub fn actions(&self) -> impl Iterator<Item = Action> + '_ {
        self.bindings.iter().map(|b| b.action)
    }

    /// Short words for the footer, in `lang`.
    pub fn short(&self, lang: Lang) -> Option<String> {
        self.short_id.map(|id| lang.t(id))
    }

    /// What it does, in `lang`.
    pub fn help(&self, lang: Lang) -> String {
        lang.t(self.help_id)
    }
}

impl Entry {
    const fn new(
        short_id: Option<&'static str>,
        help_id: &'static str,
        bindings: &'static [Binding],
    ) -> Entry {
        Entry {
            bindings,
            short_id,
            help_id,
            tour: false,
            takes_control: false,
            per_pane: false,
            per_side: false,
            rank: 5,
        }
    }

    /// How soon a learner needs it (see [`Entry::rank`]).
    const fn rank(self, rank: u8) -> Entry {
        Entry { rank, ..self }
    }

    /// Keys of the tour only.
    const fn in_tour(self) -> Entry {
        Entry { tour: true, ..self }
    }

    /// Keys that act on the focused pane of the split view.
    const fn on_pane(self) -> Entry {
        Entry {
            per_pane: true,
            ..self
        }
    }

    /// Keys that change the focused side of a comparison.
    const fn on_side(self) -> Entry {
        Entry {
            per_side: true,
            ..self
        }
    }

    /// Keys that change the program.
    const fn controls(self) -> Entry {
        Entry {
            takes_control: true,
            ..self
        }
    }
}

const fn bind(action: Action, keys: &'static [Key]) -> Binding {
    Binding { action, keys }
}

use Action as A;
use Key as K;

#[rustfmt::skip]
pub const ENTRIES: &[Entry] = &[
    Entry::new(Some("key-quit"), "key-quit-help", &[bind(A::Quit, &[K::Char('q'), K::Esc])]).rank(1),
    Entry::new(None, "key-interrupt-help", &[bind(A::Interrupt, &[K::Ctrl('c')])]),
    Entry::new(Some("key-pause"), "key-pause-help", &[bind(A::Pause, &[K::Char(' ')])]).controls().rank(1),
    Entry::new(Some("key-step"), "key-step-help", &[bind(A::Step, &[K::Char('.')])]).controls().rank(3),
    Entry::new(Some("key-schedule"), "key-schedule-help", &[bind(A::Schedule, &[K::Char('s')])]).controls().rank(4),
    Entry::new(Some("key-pick"), "key-pick-help",
        &[bind(A::Pick(0), &[K::Marks]), bind(A::PickSelected, &[K::Enter])]).controls().rank(1),
    Entry::new(Some("key-restart"), "key-restart-help", &[bind(A::Restart, &[K::Char('r')])]).controls().rank(2),
    Entry::new(Some("key-daemon"), "key-daemon-help", &[bind(A::ToggleDaemon, &[K::Char('d')])]).controls().on_side().rank(3),
    Entry::new(Some("key-gil"), "key-gil-help", &[bind(A::ToggleGil, &[K::Char('g')])]).controls().on_side().rank(3),
    Entry::new(None, "key-python-help", &[bind(A::NextPython, &[K::Char('i')])]).controls().on_side(),
    Entry::new(Some("key-select"), "key-select-help",
        &[bind(A::Up, &[K::Up, K::Char('k')]), bind(A::Down, &[K::Down, K::Char('j')])]).on_pane().rank(2),
    Entry::new(None, "key-page-help",
        &[bind(A::PageUp, &[K::PageUp]), bind(A::PageDown, &[K::PageDown]),
          bind(A::First, &[K::Home]), bind(A::Last, &[K::End])]).on_pane(),
    Entry::new(Some("key-pan"), "key-pan-help",
        &[bind(A::PanLeft, &[K::Left, K::Char('h')]), bind(A::PanRight, &[K::Right, K::Char('l')])]).rank(3),
    Entry::new(Some("key-zoom"), "key-zoom-help",
        &[bind(A::ZoomIn, &[K::Char('+'), K::Char('=')]), bind(A::ZoomOut, &[K::Char('-'), K::Char('_')])]).rank(2),
    Entry::new(Some("key-follow"), "key-follow-help", &[bind(A::Follow, &[K::Char('f')])]).rank(4),
    Entry::new(Some("key-speed"), "key-speed-help",
        &[bind(A::Slower, &[K::Char('[')]), bind(A::Faster, &[K::Char(']')])]).controls().rank(4),
    Entry::new(Some("key-scenario"), "key-scenario-help",
        &[bind(A::NextScenario, &[K::Tab]), bind(A::Scenario(0), &[K::Digits])]).controls().on_side(),
    Entry::new(Some("key-split"), "key-split-help", &[bind(A::Split, &[K::Char('v')])]),
    Entry::new(Some("key-pane"), "key-pane-help", &[bind(A::FocusPane, &[K::Char('o'), K::BackTab])]),
    Entry::new(Some("key-code"), "key-code-help", &[bind(A::Code, &[K::Char('c')])]).rank(4),
    Entry::new(Some("key-mouse"), "key-mouse-help", &[bind(A::Mouse, &[K::Char('m')])]),
    Entry::new(Some("key-scene"), "key-scene-help",
        &[bind(A::NextScene, &[K::Char('n')]), bind(A::PrevScene, &[K::Char('p')])]).in_tour().rank(1),
    Entry::new(Some("key-autoplay"), "key-autoplay-help", &[bind(A::Autoplay, &[K::Char('a')])]).in_tour().rank(1),
    Entry::new(Some("key-help"), "key-help-help", &[bind(A::Help, &[K::Char('?')])]),
];

/// The action of a key event when the user does not schedule (the digits
/// pick scenarios). Only presses count: release and repeat events (sent
/// by some terminals) would double every key.
pub fn action_for(k: &KeyEvent) -> Option<Action> {
    action_in(k, |a| !matches!(a, A::Pick(_)))
}

/// The action of a key event where `applies` says which actions exist: a
/// key bound twice (the digits pick scenarios, or threads while the user
/// schedules) means the one that applies; else the scenario's, to say why
/// it does nothing.
pub fn action_in(k: &KeyEvent, applies: impl Fn(Action) -> bool) -> Option<Action> {
    if k.kind != KeyEventKind::Press {
        return None;
    }
    let found: Vec<Action> = ENTRIES
        .iter()
        .flat_map(|e| e.bindings)
        .filter_map(|b| {
            let i = b.keys.iter().find_map(|key| key.matches(k))?;
            Some(match b.action {
                A::Scenario(_) => A::Scenario(i),
                A::Pick(_) => A::Pick(i),
                a => a,
            })
        })
        .collect();
    let picks = |a: &Action| matches!(a, A::Pick(_));
    found
        .iter()
        .find(|&&a| applies(a))
        .or_else(|| found.iter().find(|a| !picks(a)))
        .or(found.first())
        .copied()
}

/// The entry an action belongs to.
pub fn entry_of(a: Action) -> &'static Entry {
    let same = |b: Action| std::mem::discriminant(&a) == std::mem::discriminant(&b);
    ENTRIES
        .iter()
        .find(|e| e.actions().any(same))
        .expect("every action is bound (tested)")
}

/// Does `a` change the program (so that, in the tour, it takes control)?
pub fn takes_control(a: Action) -> bool {
    entry_of(a).takes_control
}

/// The key a person presses for `a`, as written.
pub fn key_of(a: Action) -> String {
    let same = |b: &&Binding| std::mem::discriminant(&a) == std::mem::discriminant(&b.action);
    entry_of(a)
        .bindings
        .iter()
        .find(same)
        .map_or_else(String::new, |b| b.keys[0].text())
}

#[cfg(test)]
mod tests;
