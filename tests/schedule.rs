//! Being the scheduler (`s`) on the dashboard: keys pressed on an App,
//! frames drawn on a TestBackend. The lost update of `race`, made by hand.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use threadline::i18n::Lang;
use threadline::scenario::Python;
use threadline::setup::RunSettings;
use threadline::ui::mode::Mode;
use threadline::ui::session::Phase;
use threadline::ui::theme::Theme;
use threadline::ui::{App, Update};

fn race(python: Python, lang: Lang) -> App {
    let mut settings = RunSettings {
        scenario: "race".into(),
        speed: 1.0,
        seed: Some(7),
        cores: Some(2),
        ..RunSettings::default()
    };
    settings.overrides.python = Some(python);
    App::with_options(settings, Theme::new(false), true)
        .unwrap()
        .speaking(lang)
}

fn press(app: &mut App, code: KeyCode) -> Update {
    app.on_key(&KeyEvent::new(code, KeyModifiers::NONE))
}

fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        assert_eq!(press(app, code), Update::Run, "{c:?}: {:?}", said(app));
    }
}

fn said(app: &App) -> String {
    let lang = app.lang;
    app.session
        .message
        .as_ref()
        .map(|m| m.render(lang))
        .unwrap_or_default()
}

/// Assert that the message the last key left begins with `start`.
#[track_caller]
fn said_first(app: &App, start: &str) {
    let said = said(app);
    assert!(said.starts_with(start), "{said}");
}

/// The scheduler's words in the explanation pane, unwrapped.
fn told(app: &App) -> String {
    let s = &app.session;
    let stepper = s.stepper().expect("scheduling");
    threadline::ui::schedule::lines(stepper, &s.timeline, app.lang).join("\n")
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    t.backend().to_string()
}

/// `s`, main starts racer 0 and racer 1 (each runs once so that main's
/// `start()` returns); then read in racer 0, read in racer 1, write in
/// racer 0, write in racer 1 (by Enter on its row).
fn lost_update(app: &mut App) {
    assert_eq!(press(app, KeyCode::Char('s')), Update::Run);
    assert_eq!(app.mode(), Mode::Schedule);
    assert_eq!(app.phase(), Phase::Scheduling);
    if app.lang == Lang::En {
        common::assert_contains(&said(app), &["started again from its beginning"]);
    }
    // print, create racer 0, start it (Enter: main is selected).
    keys(app, "M\n\n");
    // main waits in start() until racer 0 runs: it cannot be picked.
    assert_eq!(press(app, KeyCode::Char('M')), Update::View);
    if app.lang == Lang::En {
        assert_eq!(
            said(app),
            "M: main cannot take a step: it waits in start() until racer 0 runs"
        );
    }
    keys(app, "0MM1");
    assert_eq!(press(app, KeyCode::Char('5')), Update::View);
    said_first(app, "5: ");
    keys(app, "010");
    // Racer 1's row is the third: Enter on it.
    press(app, KeyCode::Down);
    assert_eq!(app.view.selected, 2);
    keys(app, "\n");
}

#[test]
fn the_lost_update_by_hand_with_the_gil_of_3_9() {
    let mut app = race(Python::V3_9, Lang::En);
    lost_update(&mut app);
    let s = screen(&mut app, 100, 30);
    insta::assert_snapshot!(s);
    common::assert_contains(&s, &["YOU SCHEDULE"]);
    common::assert_contains(
        &told(&app),
        &[
            "racer 0 read counter = 0",
            "racer 1 read counter = 0",
            "racer 0 wrote counter = 1\n",
            "racer 1 wrote counter = 1 (racer 0's update lost)",
        ],
    );
    assert!(s.contains("racer 0 0 "), "the mark beside the name: {s}");
    assert!(s.contains("racer 1 1 "), "the mark beside the name: {s}");
    // The keys that move the program on their own say why not.
    assert_eq!(press(&mut app, KeyCode::Char(' ')), Update::View);
    said_first(&app, "space: you are the scheduler");
    assert_eq!(press(&mut app, KeyCode::Char('v')), Update::View);
    said_first(&app, "v: ");
    // s again: the program runs on its own, from its start.
    assert_eq!(press(&mut app, KeyCode::Char('s')), Update::Run);
    assert_eq!(app.mode(), Mode::Scenario);
    common::assert_contains(&said(&app), &["scheduling given back"]);
    assert_eq!(app.phase(), Phase::Paused, "started as the run was: paused");
    assert!(!screen(&mut app, 100, 30).contains("YOU SCHEDULE"));
}

#[test]
fn the_lost_update_by_hand_without_the_gil() {
    let mut app = race(Python::V3_13t, Lang::En);
    lost_update(&mut app);
    common::assert_contains(
        &told(&app),
        &["racer 1 wrote counter = 1 (racer 0's update lost)"],
    );
    let s = screen(&mut app, 100, 30);
    assert!(!s.contains("held by"), "no GIL lane without the GIL: {s}");
    assert!(
        s.contains("racer 1 1 "),
        "the marks beside the names without the lane: {s}"
    );
}

#[test]
fn with_the_gil_of_3_13_an_update_is_one_step() {
    let mut app = race(Python::V3_13, Lang::En);
    keys(&mut app, "sMMM0MM101");
    common::assert_contains(
        &told(&app),
        &[
            "racer 0 read counter = 0 and wrote 1 in one step",
            "racer 1 read counter = 1 and wrote 2 in one step",
        ],
    );
}

#[test]
fn in_korean_the_steps_are_told_in_korean() {
    let mut app = race(Python::V3_9, Lang::Ko);
    lost_update(&mut app);
    let s = screen(&mut app, 120, 35);
    common::assert_contains(&s, &["직접 스케줄링"]);
    common::assert_contains(&told(&app), &["racer 0의 갱신 1번이 사라졌습니다"]);
}

#[test]
fn s_says_why_a_scenario_with_child_processes_is_not_stepped() {
    let settings = RunSettings {
        scenario: "processes".into(),
        seed: Some(7),
        cores: Some(2),
        ..RunSettings::default()
    };
    let mut app = App::with_options(settings, Theme::new(false), true).unwrap();
    assert_eq!(press(&mut app, KeyCode::Char('s')), Update::View);
    assert_eq!(app.mode(), Mode::Scenario, "nothing restarted");
    said_first(&app, "s: this scenario runs child processes");
}

#[test]
fn scheduling_goes_on_through_a_restart_and_a_change_of_the_gil() {
    let mut app = race(Python::V3_9, Lang::En);
    keys(&mut app, "sMM");
    assert_eq!(app.session.stepper().unwrap().notes().len(), 2);
    keys(&mut app, "r");
    assert_eq!(app.mode(), Mode::Schedule);
    assert!(
        app.session.stepper().unwrap().notes().is_empty(),
        "from the start again"
    );
    keys(&mut app, "g");
    assert_eq!(app.mode(), Mode::Schedule);
    assert!(!app.session.program.gil);
    common::assert_contains(&told(&app), &["Ready: M main"]);
}
