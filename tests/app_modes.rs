//! Every key of the key table, pressed in every mode of the dashboard (a
//! scenario, a replay, a traced program, the tour): no panic, and each
//! does what the help says it does, or says why it does nothing here.

mod common;

use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use threadline::export::record::{Header, Recording};
use threadline::runtime::RunOptions;
use threadline::setup::RunSettings;
use threadline::ui::keymap::{self, Action, ENTRIES, Key};
use threadline::ui::mode::Mode;
use threadline::ui::session::Phase;
use threadline::ui::theme::Theme;
use threadline::ui::{App, Update};

fn settings(scenario: &str) -> RunSettings {
    RunSettings {
        scenario: scenario.into(),
        speed: 50.0,
        seed: Some(3),
        cores: Some(2),
        ..RunSettings::default()
    }
}

fn scenario_app() -> App {
    App::with_options(settings("basic"), Theme::new(false), true).unwrap()
}

fn replay_app() -> App {
    let opts = RunOptions {
        cores: 2,
        ..common::options(500.0, 3, false)
    };
    let (done, words) = common::plain_builtin("join", opts, Default::default());
    let rec = Recording {
        header: Header::new("join", words, false, Default::default()),
        events: done.events,
    };
    App::for_replay(rec, 1.0, Theme::new(false))
}

/// Every key of the table, once (a binding's first key, digits as `1`).
fn every_key() -> Vec<(Action, Key)> {
    ENTRIES
        .iter()
        .flat_map(|e| e.bindings.iter())
        .map(|b| (b.action, b.keys[0]))
        .collect()
}

fn draw(app: &mut App) {
    for (w, h) in [(100, 30), (40, 12)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| app.draw(f)).unwrap();
    }
}

/// The program `d` and `g` change (the focused side of a comparison,
/// else the top's: a split by a variant follows the top): its GIL, and
/// every worker a daemon or not.
fn focused(app: &App) -> (bool, Option<bool>) {
    let lower = app.view.focus == 1 && app.session.compares();
    match app.session.twin().filter(|_| lower) {
        Some(t) => (t.program.gil, t.program.daemon_mode()),
        None => (app.session.program.gil, app.session.daemon_mode()),
    }
}

/// The interpreter the focused side's scenario models.
fn focused_python(app: &App) -> threadline::scenario::Python {
    let lower = app.view.focus == 1 && app.session.compares();
    match app.session.twin().filter(|_| lower) {
        Some(t) => t.program.python,
        None => app.session.program.python,
    }
}

/// Press `key` and check its documented effect in `app`'s mode (for a
/// key bound twice, the action that applies there: while the user
/// schedules, the digits pick threads).
fn press_and_check(app: &mut App, action: Action, key: Key) {
    app.drain();
    let tour = app.guide.is_some();
    let mode = app.mode();
    let dispatched = keymap::action_in(&key.press(), |a| mode.allows(a, tour));
    let action = match dispatched {
        Some(a) if std::mem::discriminant(&a) != std::mem::discriminant(&action) => {
            assert_eq!(
                key,
                Key::Digits,
                "{mode:?} {action:?}: only the digits are bound twice"
            );
            assert_eq!(
                mode,
                Mode::Schedule,
                "{mode:?} {a:?}: the digits pick scenarios"
            );
            assert_eq!(
                a,
                Action::Pick(2),
                "1 is the mark of the second row below main"
            );
            a
        }
        _ => action,
    };
    let before_name = app.session.program.name.clone();
    let (before_gil, before_daemon) = focused(app);
    let before_python = focused_python(app);
    let before_view = app.view.clone();
    let before_speed = app.session.speed;
    let before_phase = app.phase();
    let before_help = app.view.show_help;
    let before_split = app.session.is_split();
    let before_focus = (app.view.focus, app.view.reading);
    let before_code = app.view.code;
    let before_mouse = app.view.mouse;
    let update = app.on_key(&key.press());
    draw(app);
    if !mode.allows(action, tour) {
        let said = app
            .session
            .message
            .as_ref()
            .map(|m| m.to_string())
            .unwrap_or_default();
        assert!(
            said.starts_with(&format!("{}: ", key.text())),
            "{mode:?} {action:?}: {said}"
        );
        assert_eq!(update, Update::View);
        assert_eq!(app.session.program.name, before_name, "{mode:?} {action:?}");
        assert_eq!(focused(app).0, before_gil, "{mode:?} {action:?}");
        return;
    }
    let q = format!("{mode:?} {action:?}");
    match action {
        Action::Quit if before_help => assert!(!app.view.show_help && !app.should_quit, "{q}"),
        Action::Quit => assert!(app.should_quit && update == Update::Quit, "{q}"),
        Action::Interrupt if mode == Mode::Trace && before_phase != Phase::Finished => {
            assert!(!app.should_quit, "{q}: Ctrl-C goes to the program")
        }
        Action::Interrupt => assert!(app.should_quit, "{q}"),
        Action::Help => assert_ne!(app.view.show_help, before_help, "{q}"),
        Action::Up | Action::Down => assert_eq!(update, Update::View, "{q}"),
        Action::PanLeft | Action::PanRight | Action::ZoomIn | Action::ZoomOut | Action::Follow => {
            assert_ne!(app.view.viewport, before_view.viewport, "{q}")
        }
        Action::Pause if before_phase != Phase::Finished => {
            assert_ne!(app.phase(), before_phase, "{q}")
        }
        Action::Slower => assert!(app.session.speed < before_speed, "{q}"),
        Action::Faster => assert!(app.session.speed > before_speed, "{q}"),
        Action::ToggleGil => assert_ne!(focused(app).0, before_gil, "{q}"),
        Action::NextPython => assert_ne!(focused_python(app), before_python, "{q}"),
        Action::ToggleDaemon => assert_ne!(focused(app).1, before_daemon, "{q}"),
        Action::NextScenario | Action::Scenario(_) => {
            assert_eq!(update, Update::Run, "{q}");
        }
        Action::Split => {
            assert_ne!(app.session.is_split(), before_split, "{q}");
            assert_eq!(app.mode() == Mode::Split, !before_split, "{q}");
        }
        Action::FocusPane => {
            assert_ne!((app.view.focus, app.view.reading), before_focus, "{q}")
        }
        Action::Code => assert_ne!(app.view.code, before_code, "{q}"),
        Action::Mouse => assert_ne!(app.view.mouse, before_mouse, "{q}"),
        Action::Schedule => {
            assert_eq!(update, Update::Run, "{q}");
            assert_ne!(app.mode() == Mode::Schedule, mode == Mode::Schedule, "{q}");
            assert_eq!(
                app.session.program.name, before_name,
                "{q}: the same program again"
            );
            assert!(app.session.message.is_some(), "{q}: says it started again");
        }
        Action::Pick(_) | Action::PickSelected => {
            // A step taken (the run changed), or the reason why not.
            let said = app.session.message.is_some();
            assert!(
                update == Update::Run || (update == Update::View && said),
                "{q}"
            );
        }
        Action::Restart => {
            assert_eq!(update, Update::Run, "{q}");
            assert_eq!(
                app.session.program.name, before_name,
                "{q}: the same program again"
            );
        }
        _ => assert_ne!(update, Update::Nothing, "{q}"),
    }
}

/// Press every key but the quitting ones, then the quitting ones.
fn press_all(mut app: App) {
    let keys = every_key();
    let quitting = |a: Action| matches!(a, Action::Quit | Action::Interrupt);
    for &(a, k) in keys.iter().filter(|(a, _)| !quitting(*a)) {
        press_and_check(&mut app, a, k);
    }
    // Help open: q closes it first.
    if !app.view.show_help {
        app.act(Action::Help);
    }
    press_and_check(&mut app, Action::Quit, Key::Char('q'));
    for &(a, k) in keys.iter().filter(|(a, _)| quitting(*a)) {
        app.should_quit = false;
        press_and_check(&mut app, a, k);
    }
}

#[test]
fn every_key_in_a_scenario() {
    press_all(scenario_app());
}

#[test]
fn every_key_while_scheduling() {
    let mut app = scenario_app();
    assert_eq!(app.act(Action::Schedule), Update::Run);
    assert_eq!(app.mode(), Mode::Schedule);
    // Main takes a few steps, so that the picks meet threads of all kinds.
    for _ in 0..4 {
        app.act(Action::Pick(0));
    }
    press_all(app);
}

#[test]
fn every_key_in_a_split_view() {
    let mut app = scenario_app();
    app.act(Action::Split);
    assert_eq!(app.mode(), Mode::Split);
    // Focus below first, so the keys that act on a pane act on the lower one.
    app.act(Action::FocusPane);
    press_all(app);
}

#[test]
fn every_key_on_a_comparison() {
    let mut app =
        App::for_compare(settings("basic"), settings("gil-cpu"), Theme::new(false)).unwrap();
    assert_eq!(app.mode(), Mode::Split);
    assert!(app.session.compares());
    app.act(Action::FocusPane);
    press_all(app);
}

#[test]
fn every_key_in_a_replay_and_r_plays_it_again() {
    let mut app = replay_app();
    assert_eq!(app.mode(), Mode::Replay);
    app.finish();
    let all = app.session.timeline.applied;
    assert!(app.session.timeline.is_complete());
    assert_eq!(app.act(Action::Restart), Update::Run);
    assert!(
        app.session.timeline.applied < all,
        "the recording starts over"
    );
    assert_eq!(app.session.program.name, "replay join");
    app.finish();
    assert_eq!(
        app.session.timeline.applied, all,
        "and plays to its end again"
    );
    let m = Mode::Replay.refuses(Action::ToggleDaemon, false).unwrap();
    assert_eq!(m.to_string(), "d: a replay plays what was recorded");
    press_all(replay_app());
}

#[test]
fn every_key_in_the_tour() {
    let app = App::for_tour(settings("basic"), false, Theme::new(false), Instant::now()).unwrap();
    press_all(app);
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn every_key_on_a_traced_program() {
    let basic = common::today::program("basic.py");
    let opts = common::dashboard_trace(basic.path(), &["2"]);
    let app = App::for_trace(opts, Theme::new(false)).unwrap();
    assert_eq!(app.mode(), Mode::Trace);
    press_all(app);
}
