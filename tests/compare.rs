//! `threadline compare` and the split view: the differences said for the
//! lesson's contrasts, whole frames of both panes, the plain output, the
//! SVG card and the Chrome trace of both, bad input on either side.

use std::process::{Command, Output};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use threadline::i18n::Lang;
use threadline::model::Timeline;
use threadline::scenario::{Overrides, Python};
use threadline::setup::RunSettings;
use threadline::ui::keymap::Action;
use threadline::ui::mode::Mode;
use threadline::ui::session::Phase;
use threadline::ui::theme::Theme;
use threadline::ui::{App, Update};

fn settings(scenario: &str, overrides: Overrides) -> RunSettings {
    RunSettings {
        scenario: scenario.into(),
        overrides,
        speed: 200.0,
        seed: Some(42),
        // Whatever the machine: the header and the no-GIL runs use 2.
        cores: Some(2),
    }
}

fn plain(scenario: &str) -> RunSettings {
    settings(scenario, Overrides::default())
}

/// Both sides run to their ends in lockstep; their models.
fn pair(a: RunSettings, b: RunSettings) -> App {
    let mut app = App::for_compare(a, b, Theme::new(false)).expect("both load");
    app.finish();
    assert_eq!(app.phase(), Phase::Finished);
    app
}

fn said(app: &App) -> Vec<String> {
    app.differences().iter().map(|m| m.to_string()).collect()
}

fn draw(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    t.backend().to_string()
}

#[test]
fn basic_against_daemon_says_what_the_exit_took_away() {
    let mut app = pair(plain("basic"), plain("daemon"));
    let s = said(&app);
    assert!(s[0].starts_with("exit: A at 3.0"), "{s:?}");
    assert!(s[0].contains("; B at 0.00"), "{s:?}");
    assert!(
        s.contains(
            &"thread 0, thread 1, thread 2, thread 3, thread 4: finished in A, cut short in B"
                .to_string()
        ),
        "{s:?}"
    );
    assert!(
        s.contains(&"5 `sub thread end` lines: A only".to_string()),
        "{s:?}"
    );
    // One axis for both: daemon's ghosts reach as far as basic's run.
    let ext = |tl: &Timeline| tl.extent(0);
    let (a, b) = (
        ext(&app.session.timeline),
        ext(&app.session.twin().unwrap().timeline),
    );
    assert!(b > 3 * threadline::event::SECOND && a > 3 * threadline::event::SECOND);
    let frame = draw(&mut app, 120, 35);
    insta::assert_snapshot!("basic_daemon_120x35", frame);
    assert!(frame.contains("A · basic"), "{frame}");
    assert!(frame.contains("B · daemon"), "{frame}");
    assert!(frame.contains("≠ exit: A at 3.0"), "{frame}");
    let small = draw(&mut app, 80, 24);
    insta::assert_snapshot!("basic_daemon_80x24", small);
    assert!(small.contains("B · daemon"), "{small}");
}
