//! Whole dashboard frames on a TestBackend: snapshots of each seed scenario
//! when finished (fixed seed, so the frame is the same on every machine),
//! tiny sizes, and keys driven on the App without a terminal.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use threadline::cli::RunArgs;
use threadline::event::Outcome;
use threadline::ui::App;
use threadline::ui::app::Phase;
use threadline::ui::keymap::Action;
use threadline::ui::theme::Theme;

fn args(scenario: &str) -> RunArgs {
    RunArgs {
        scenario: scenario.into(),
        speed: 200.0,
        seed: Some(42),
        // Whatever the machine: the header shows the cores.
        cores: Some(2),
        ..RunArgs::default()
    }
}

fn finished(scenario: &str) -> App {
    let mut app = App::new(args(scenario), Theme::new(false)).expect("scenario loads");
    app.finish();
    assert_eq!(app.phase(), Phase::Finished);
    app
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.render(f)).unwrap();
    t
}

fn screen(t: &Terminal<TestBackend>) -> String {
    t.backend().to_string()
}

#[test]
fn basic_finished_frame() {
    let mut app = finished("basic");
    let t = draw(&mut app, 100, 30);
    let s = screen(&t);
    insta::assert_snapshot!(s);
    assert!(s.contains("↑ process exit"));
    let rows = s
        .lines()
        .filter(|l| l.contains("thread ") && l.contains("finished     ▒"))
        .count();
    assert_eq!(rows, 5, "five finished worker rows");
}

#[test]
fn daemon_finished_frame() {
    let mut app = finished("daemon");
    let t = draw(&mut app, 100, 30);
    let s = screen(&t);
    insta::assert_snapshot!(s);
    assert_eq!(s.matches('✂').count(), 5, "five cut-short marks");
    assert!(
        !s.contains("sub thread end    thread"),
        "no end line was printed"
    );
    assert!(s.contains("were cut short"));
}

#[test]
fn join_finished_frame() {
    let mut app = finished("join");
    let t = draw(&mut app, 100, 30);
    let s = screen(&t);
    insta::assert_snapshot!(s);
    assert!(s.contains('┄'), "main's join is drawn");
}

#[test]
fn mixed_finished_frame() {
    let mut app = finished("mixed");
    let t = draw(&mut app, 100, 30);
    let s = screen(&t);
    insta::assert_snapshot!(s);
    assert_eq!(s.matches('✂').count(), 3);
}

#[test]
fn tiny_sizes_do_not_panic() {
    let mut app = finished("mixed");
    for (w, h) in [
        (0, 0),
        (1, 1),
        (10, 3),
        (39, 11),
        (40, 12),
        (300, 5),
        (5, 200),
    ] {
        let t = draw(&mut app, w, h);
        if (w, h) == (10, 3) || (w, h) == (39, 11) {
            assert!(
                screen(&t).contains("threadline"),
                "too small says so at {w}×{h}"
            );
        }
    }
    app.show_help = true;
    for (w, h) in [(0, 0), (1, 1), (10, 3), (40, 12), (120, 40)] {
        draw(&mut app, w, h);
    }
}

#[test]
fn help_lists_every_documented_key_and_glyph() {
    let mut app = finished("basic");
    app.act(Action::Help);
    let s = screen(&draw(&mut app, 120, 45));
    for k in ["space", "Tab 1-9", "f ", "[ ]"] {
        assert!(s.contains(k), "help shows {k}");
    }
    for g in ['█', '▒', '░', '┄', '╌', '┈', '✂'] {
        assert!(s.contains(g), "legend shows {g}");
    }
    app.act(Action::Quit);
    assert!(
        !app.show_help && !app.should_quit,
        "Esc/q first closes the help"
    );
}

#[test]
fn d_toggles_daemon_and_restarts() {
    let mut app = finished("basic");
    assert_eq!(app.daemon_mode(), Some(false));
    let before = app.timeline.run;
    app.act(Action::ToggleDaemon);
    assert_eq!(app.daemon_mode(), Some(true));
    assert_ne!(app.timeline.run, before, "a new run");
    app.finish();
    assert_eq!(app.timeline.ended_with(Outcome::CutShort).count(), 5);
    app.act(Action::ToggleDaemon);
    app.finish();
    assert_eq!(app.timeline.ended_with(Outcome::CutShort).count(), 0);
}

#[test]
fn space_pauses_the_program_itself_and_step_moves_one_moment() {
    let mut app = App::with_options(args("basic"), Theme::new(false), true).unwrap();
    assert_eq!(app.phase(), Phase::Paused);
    assert_eq!(app.now(), 0);
    // The threads may not have reached their first wait yet: step until
    // one has (a step with nothing scheduled just stays paused).
    for _ in 0..400 {
        app.act(Action::Step);
        if app.now() > 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    app.drain();
    assert_eq!(app.phase(), Phase::Paused, "still frozen after a step");
    let after_step = app.now();
    assert!(after_step > 0, "a step moves program time");
    app.act(Action::Pause); // resume
    assert_ne!(app.phase(), Phase::Paused);
    app.act(Action::Pause);
    assert_eq!(app.phase(), Phase::Paused);
    app.act(Action::Quit);
    assert!(app.should_quit);
}

#[test]
fn tab_and_digits_switch_scenarios_and_speed_keys_step_through_speeds() {
    let mut app = finished("basic");
    app.act(Action::NextScenario);
    assert_eq!(app.program.name, "daemon");
    app.act(Action::Scenario(2));
    assert_eq!(app.program.name, "join");
    app.act(Action::Scenario(9));
    assert_eq!(app.program.name, "join", "no scenario 10: nothing changes");
    assert_eq!(app.speed, 200.0);
    app.act(Action::Slower);
    assert_eq!(app.speed, 100.0);
    app.act(Action::Faster);
    app.act(Action::Faster);
    assert_eq!(app.speed, 200.0, "the fastest speed is the ceiling");
}

#[test]
fn selection_moves_and_shows_history() {
    let mut app = finished("join");
    app.act(Action::Down);
    app.act(Action::Down);
    app.act(Action::Down);
    assert_eq!(app.selected, 2, "stops at the last row");
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("2: created at"), "the selected thread's history");
    app.act(Action::Up);
    assert_eq!(app.selected, 1);
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

#[test]
fn mouse_click_selects_and_wheel_zooms_or_scrolls() {
    let mut app = finished("basic");
    draw(&mut app, 100, 30); // the mouse needs to know where things are
    // Row 0 is the header, row 1 the axis, row 2 main, row 3 thread 0 ...
    assert!(app.on_mouse(&mouse(MouseEventKind::Down(MouseButton::Left), 3, 5)));
    assert_eq!(app.selected, 3, "clicked the row of thread 2");
    let before = app.viewport;
    assert!(app.on_mouse(&mouse(MouseEventKind::ScrollUp, 60, 4)));
    assert_ne!(app.viewport, before, "wheel over the chart zooms");
    assert!(app.on_mouse(&mouse(MouseEventKind::ScrollUp, 2, 4)));
    assert_eq!(app.selected, 2, "wheel over the names moves the selection");
    assert!(
        !app.on_mouse(&mouse(MouseEventKind::ScrollUp, 2, 25)),
        "outside the timeline: nothing"
    );
}

#[test]
fn pan_zoom_and_follow_change_the_window() {
    let mut app = finished("basic");
    let w0 = draw_window(&mut app);
    app.act(Action::ZoomIn);
    let w1 = draw_window(&mut app);
    assert!(w1.1 - w1.0 < w0.1 - w0.0, "zoom in narrows the window");
    app.act(Action::PanRight);
    let w2 = draw_window(&mut app);
    assert!(w2.0 > w1.0, "pan right moves later");
    app.act(Action::Follow);
    app.act(Action::Follow);
    assert_eq!(draw_window(&mut app), w0, "f twice: back to fit-all");
}

fn draw_window(app: &mut App) -> (u64, u64) {
    let now = app.now();
    app.viewport.window(now, app.timeline.horizon(now))
}

#[test]
fn quitting_mid_run_stops_and_joins_every_thread() {
    let dir = std::env::temp_dir().join(format!("threadline-quit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("q.toml");
    std::fs::write(
        &file,
        "main = [ { spawn = \"S\", count = 3, name = \"qqsleep{i}\" }, { spawn = \"C\", name = \"qqcpu\" } ]\n\
         [classes.S]\nrun = [ { sleep = 60 } ]\n[classes.C]\nrun = [ { compute = 60 } ]\n",
    )
    .unwrap();
    let count = || {
        std::fs::read_dir("/proc/self/task")
            .unwrap()
            .flatten()
            .filter(|t| {
                std::fs::read_to_string(t.path().join("comm")).is_ok_and(|c| c.starts_with("qq"))
            })
            .count()
    };
    let mut a = args(file.to_str().unwrap());
    a.speed = 1.0;
    let app = App::new(a, Theme::new(false)).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while count() < 4 {
        assert!(std::time::Instant::now() < deadline);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    drop(app); // what quitting does
    assert_eq!(count(), 0);
}

#[test]
fn themes_colour_the_same_glyphs_their_own_way() {
    use ratatui::style::{Color, Modifier};
    use threadline::cli::ThemeChoice;
    let mut glyph_rows = Vec::new();
    for (kind, running) in [
        (ThemeChoice::Default, Color::Green),
        (ThemeChoice::Contrast, Color::LightGreen),
        (ThemeChoice::Light, Color::Indexed(28)),
    ] {
        let mut app = App::new(args("gil-cpu"), Theme::with(kind, true)).unwrap();
        app.finish();
        let t = draw(&mut app, 100, 30);
        let buf = t.backend().buffer();
        // Running is drawn as bars of its share of each cell (the GIL turns).
        let bars: Vec<_> = buf
            .content
            .iter()
            .filter(|c| "▁▂▃▄▅▆▇█".contains(c.symbol()))
            .collect();
        assert!(
            bars.iter().any(|c| c.fg == running),
            "{kind:?}: {running:?}"
        );
        if kind != ThemeChoice::Default {
            assert!(bars.iter().all(|c| c.fg != Color::Green), "{kind:?}");
        }
        if kind == ThemeChoice::Contrast {
            assert!(bars.iter().all(|c| c.modifier.contains(Modifier::BOLD)));
        }
        // The glyphs, and so the picture without colour, are the same.
        glyph_rows.push(screen(&t));
    }
    assert_eq!(glyph_rows[0], glyph_rows[1]);
    assert_eq!(glyph_rows[1], glyph_rows[2]);
}
