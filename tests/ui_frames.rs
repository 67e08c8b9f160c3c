//! Whole dashboard frames on a TestBackend: snapshots of each seed scenario
//! when finished (fixed seed, so the frame is the same on every machine),
//! tiny sizes, and keys driven on the App without a terminal.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use threadline::event::Outcome;
use threadline::i18n::Lang;
use threadline::ui::keymap::Action;
use threadline::ui::session::Phase;
use threadline::ui::theme::Theme;
use threadline::ui::{App, Update};

/// A scenario fast, seed 42, on 2 cores (whatever the machine: the header
/// shows the cores).
fn args(scenario: &str) -> threadline::setup::RunSettings {
    common::fast(scenario, 42)
}

/// A finished run of `scenario`, in English (whatever LANG says: an App
/// speaks English unless told otherwise; said here to be plain about it).
fn finished(scenario: &str) -> App {
    finished_in(scenario, Lang::En)
}

fn finished_in(scenario: &str, lang: Lang) -> App {
    let mut app = App::new(args(scenario), Theme::new(false))
        .expect("scenario loads")
        .speaking(lang);
    app.finish();
    assert_eq!(app.phase(), Phase::Finished);
    app
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    t
}

fn screen(t: &Terminal<TestBackend>) -> String {
    t.backend().to_string()
}

/// A finished run of `scenario`, drawn at 100×30.
fn finished_frame(scenario: &str) -> String {
    screen(&draw(&mut finished(scenario), 100, 30))
}

#[test]
fn basic_finished_frame() {
    let s = finished_frame("basic");
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
    let s = finished_frame("daemon");
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
    let s = finished_frame("join");
    insta::assert_snapshot!(s);
    assert!(
        s.contains(threadline::look::state(threadline::event::State::Joining).glyph),
        "main's join is drawn"
    );
}

#[test]
fn mixed_finished_frame() {
    let s = finished_frame("mixed");
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
    app.view.show_help = true;
    for (w, h) in [(0, 0), (1, 1), (10, 3), (40, 12), (120, 40)] {
        draw(&mut app, w, h);
    }
}

#[test]
fn help_lists_every_documented_key_and_glyph() {
    let mut app = finished("basic");
    app.act(Action::Help);
    let s = screen(&draw(&mut app, 120, 60));
    for k in ["space", "Tab 1-9", "f ", "[ ]"] {
        assert!(s.contains(k), "help shows {k}");
    }
    for s_ in threadline::look::STATES {
        let g = threadline::look::state(s_).glyph;
        assert!(s.contains(g), "legend shows {g}");
    }
    assert!(s.contains('✂'), "legend shows the cut");
    app.act(Action::Quit);
    assert!(
        !app.view.show_help && !app.should_quit,
        "Esc/q first closes the help"
    );
}

#[test]
fn d_toggles_daemon_and_restarts() {
    let mut app = finished("basic");
    assert_eq!(app.session.daemon_mode(), Some(false));
    let before = app.session.timeline.run;
    app.act(Action::ToggleDaemon);
    assert_eq!(app.session.daemon_mode(), Some(true));
    assert_ne!(app.session.timeline.run, before, "a new run");
    app.finish();
    assert_eq!(
        app.session.timeline.ended_with(Outcome::CutShort).count(),
        5
    );
    app.act(Action::ToggleDaemon);
    app.finish();
    assert_eq!(
        app.session.timeline.ended_with(Outcome::CutShort).count(),
        0
    );
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
    assert_eq!(app.session.program.name, "daemon");
    app.act(Action::Scenario(2));
    assert_eq!(app.session.program.name, "join");
    app.act(Action::Scenario(40));
    assert_eq!(
        app.session.program.name, "join",
        "no scenario 41: nothing changes"
    );
    assert_eq!(app.session.speed, 200.0);
    app.act(Action::Slower);
    assert_eq!(app.session.speed, 100.0);
    app.act(Action::Faster);
    app.act(Action::Faster);
    assert_eq!(app.session.speed, 200.0, "the fastest speed is the ceiling");
}

#[test]
fn selection_moves_and_shows_history() {
    let mut app = finished("join");
    app.act(Action::Down);
    app.act(Action::Down);
    app.act(Action::Down);
    assert_eq!(app.view.selected, 2, "stops at the last row");
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("2: created at"), "the selected thread's history");
    app.act(Action::Up);
    assert_eq!(app.view.selected, 1);
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
    // Row 0 is the header, row 1 the axis, row 2 the GIL lane, row 3
    // main, row 4 thread 0 ...
    assert_ne!(
        app.on_mouse(&mouse(MouseEventKind::Down(MouseButton::Left), 3, 6)),
        Update::Nothing
    );
    assert_eq!(app.view.selected, 3, "clicked the row of thread 2");
    let before = app.view.viewport;
    assert_ne!(
        app.on_mouse(&mouse(MouseEventKind::ScrollUp, 60, 4)),
        Update::Nothing
    );
    assert_ne!(app.view.viewport, before, "wheel over the chart zooms");
    assert_ne!(
        app.on_mouse(&mouse(MouseEventKind::ScrollUp, 2, 4)),
        Update::Nothing
    );
    assert_eq!(
        app.view.selected, 2,
        "wheel over the names moves the selection"
    );
    assert!(
        app.on_mouse(&mouse(MouseEventKind::ScrollUp, 2, 0)) == Update::Nothing,
        "over the header: nothing"
    );
    assert!(
        app.on_mouse(&mouse(MouseEventKind::ScrollUp, 2, 25)) == Update::Nothing,
        "over an output with nothing earlier: nothing"
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
    app.view
        .viewport
        .window(now, app.session.timeline.horizon(now))
}

#[test]
fn quitting_mid_run_stops_and_joins_every_thread() {
    let file = common::scratch_file(
        "quit",
        "q.toml",
        "main = [ { spawn = \"S\", count = 3, name = \"qqsleep{i}\" }, { spawn = \"C\", name = \"qqcpu\" } ]\n\
         [classes.S]\nrun = [ { sleep = 60 } ]\n[classes.C]\nrun = [ { compute = 60 } ]\n",
    );
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

// Korean: every column lines up by display width (a Hangul syllable takes
// two columns of the terminal).

use unicode_width::UnicodeWidthStr;

/// The rows of a `w`×`h` frame, each asserted to be the terminal's width.
fn full_rows(app: &mut App, w: u16, h: u16) -> Vec<String> {
    let rows = shown_rows(&draw(app, w, h));
    for row in &rows {
        assert_eq!(
            row.width(),
            usize::from(w),
            "every row is the terminal's width: {row:?}"
        );
    }
    rows
}

/// The rows as a terminal shows them: a wide symbol covers the cell after it.
fn shown_rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            let mut row = String::new();
            let mut covered = 0;
            for x in 0..buf.area.width {
                if covered > 0 {
                    covered -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                row.push_str(sym);
                covered = sym.width().saturating_sub(1);
            }
            row
        })
        .collect()
}

/// The display column where `row` has `needle` first (None if it has not).
fn column_of(row: &str, needle: &str) -> Option<usize> {
    row.find(needle).map(|i| row[..i].width())
}

/// The display column of the first timeline glyph (a state or an end mark).
fn chart_start(row: &str) -> Option<usize> {
    let glyphs = "█▒░┄╌┈┤✂✗▏▎▍▌▋▊▉▁▂▃▄▅▆▇";
    row.char_indices()
        .find(|(_, c)| glyphs.contains(*c))
        .map(|(i, _)| row[..i].width())
}

fn quoted(rows: &[String]) -> String {
    rows.iter().map(|r| format!("\"{r}\"\n")).collect()
}

/// Every thread row's chart starts under the axis's first tick, and its
/// state word under the state column's title.
fn assert_timeline_lines_up(rows: &[String], threads: usize) {
    let axis = rows.iter().position(|r| r.contains('┬')).expect("an axis");
    let first_tick = column_of(&rows[axis], "┬").unwrap();
    let state_col = column_of(&rows[axis], "상태").expect("the state column's title");
    // The GIL lane, when there is one, sits between the axis and threads.
    let first = axis + 1 + usize::from(rows[axis + 1].starts_with("GIL"));
    for row in &rows[first..first + threads] {
        assert_eq!(chart_start(row), Some(first_tick), "chart of {row:?}");
        assert_eq!(row.width(), rows[axis].width(), "{row:?}");
        // The state word starts exactly at the state column, after a space.
        let at = row
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| row[..i].width() == state_col)
            .expect("a character starts at the state column");
        assert!(row[..at].ends_with(' '), "the name ends before {row:?}");
        assert!(
            !row[at..].starts_with(' '),
            "a state word at {state_col} in {row:?}"
        );
    }
}

#[test]
fn basic_finished_frame_in_korean() {
    let mut app = finished_in("basic", Lang::Ko);
    let rows = full_rows(&mut app, 100, 30);
    assert_timeline_lines_up(&rows, 6);
    let s = rows.concat();
    assert_eq!(
        s.matches("완료").count(),
        5 + 1,
        "five finished rows and the narration"
    );
    assert!(s.contains("↑ 프로세스 종료"));
    assert!(s.contains("인터프리터는"), "the built-in's note, in Korean");
    assert!(!s.contains("finished"), "no English word left: {s}");
    insta::assert_snapshot!(quoted(&rows));
}

#[test]
fn hangul_thread_names_line_up_in_the_timeline_and_the_output() {
    let file = common::scratch_file(
        "ko",
        "hangul.toml",
        r#"
main = [
  { print = "| main start" },
  { spawn = "W", count = 2, name = "작업자 {i}" },
  { spawn = "D", name = "아주 긴 이름의 데몬 스레드" },
  { join = "작업자 0" },
  { join = "작업자 1" },
  { print = "| main end" },
]
[classes.W]
run = [ { print = "| 시작" }, { sleep = 0.5 }, { print = "| 끝" } ]
[classes.D]
daemon = true
run = [ { print = "| 데몬" }, { sleep = 2 }, { print = "| never" } ]
"#,
    );
    let mut app = finished_in(file.to_str().unwrap(), Lang::Ko);
    let rows = full_rows(&mut app, 100, 30);
    assert_timeline_lines_up(&rows, 4);
    assert!(rows.concat().contains("중단됨"), "the daemon was cut short");
    // The output pane: time, thread (cut to 12 columns), then the text,
    // which starts at the same column on every line.
    let out_top = rows.iter().position(|r| r.contains("출력")).unwrap();
    // (The daemon's `| never`, never printed, is listed apart, marked.)
    let starts: Vec<usize> = rows[out_top + 1..]
        .iter()
        .filter(|r| !r.contains(threadline::look::GHOST))
        .filter_map(|r| column_of(r, "|"))
        .collect();
    assert_eq!(starts.len(), 7, "seven lines printed: {rows:#?}");
    assert!(
        starts.iter().all(|&c| c == starts[0]),
        "output text starts at {starts:?}"
    );
    assert_eq!(starts[0], 8 + 12 + 1, "time, a 12-column name, a space");
    insta::assert_snapshot!(quoted(&rows));
}

#[test]
fn korean_help_lines_up_keys_and_legend() {
    let mut app = finished_in("basic", Lang::Ko);
    app.act(Action::Help);
    let rows = shown_rows(&draw(&mut app, 120, 60));
    // Keys: the words after every key start at the same column.
    let key_rows: Vec<&String> = ["q Esc", "space", "Tab 1-9", "마우스"]
        .iter()
        .map(|k| {
            rows.iter()
                .find(|r| r.find(k).is_some_and(|i| r[..i].trim_end().ends_with('│')))
                .expect(k)
        })
        .collect();
    let after_keys: Vec<usize> = key_rows
        .iter()
        .zip(["q Esc", "space", "Tab 1-9", "마우스"])
        .map(|(r, k)| {
            let at = r.find(k).unwrap() + k.len();
            let rest = &r[at..];
            r[..at].width() + (rest.len() - rest.trim_start().len())
        })
        .collect();
    assert!(
        after_keys.iter().all(|&c| c == after_keys[0]),
        "{after_keys:?}"
    );
    // Legend: each meaning starts at the same column, whatever its label's width.
    let meanings: Vec<usize> = [
        "코드를 실행하는",
        "실행할 준비가",
        "다른 스레드가 가진 락",
        "run()이 반환됨",
    ]
    .iter()
    .map(|m| {
        let r = rows.iter().find(|r| r.contains(m)).expect(m);
        column_of(r, m).unwrap()
    })
    .collect();
    assert!(meanings.iter().all(|&c| c == meanings[0]), "{meanings:?}");
}

/// `app` once its model shows a deadlock (events drained as they come).
fn until_deadlock(mut app: App) -> App {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while app.session.timeline.deadlock().is_none() {
        assert!(std::time::Instant::now() < deadline, "no deadlock seen");
        app.drain();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    app
}

/// The rows that carry the deadlock mark, by name (the thread's own mark
/// for the GIL lane, one character before the deadlock mark, left out).
fn marked(s: &str) -> Vec<String> {
    let mark = threadline::look::DEADLOCK_MARK;
    s.lines()
        .filter(|l| l.contains(mark))
        .map(|l| {
            let name = l.trim_matches('"').split(mark).next().unwrap_or("").trim();
            match name.rsplit_once(' ') {
                Some((n, m)) if m.chars().count() == 1 => n.trim().to_string(),
                _ => name.to_string(),
            }
        })
        .collect()
}

#[test]
fn the_threads_of_a_deadlock_are_marked_in_their_rows() {
    let philosophers: Vec<String> = (0..5).map(|i| format!("philosopher {i}")).collect();
    let two = vec!["alice".to_string(), "bob".to_string()];
    for (scenario, ring) in [("deadlock", two), ("philosophers", philosophers)] {
        let app = App::new(args(scenario), Theme::new(false))
            .expect("scenario loads")
            .speaking(Lang::En);
        let mut app = until_deadlock(app);
        let s = screen(&draw(&mut app, 120, 30));
        assert_eq!(marked(&s), ring, "{scenario}:\n{s}");
        // main waits in join() for them: blocked, but not in the ring.
        assert!(!marked(&s).contains(&"main".to_string()));
    }
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_traced_deadlock_is_marked_in_its_rows() {
    let opts = common::dashboard_trace("tests/python/deadlock_joined.py", &[]);
    let app = App::for_trace(opts, Theme::new(false))
        .expect("python3 starts")
        .speaking(Lang::En);
    let mut app = until_deadlock(app);
    let s = screen(&draw(&mut app, 120, 30));
    assert_eq!(marked(&s), ["a", "b"], "{s}");
}

#[test]
fn two_hundred_threads_scroll_with_main_pinned_on_top() {
    let mut settings = args("stress");
    settings.overrides.workers = Some(200);
    let mut app = App::new(settings, Theme::new(false)).expect("stress loads");
    app.finish();
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("↓ "), "rows below are counted: {s}");
    app.act(Action::Last);
    let s = screen(&draw(&mut app, 100, 30));
    let rows: Vec<&str> = s.lines().collect();
    assert!(
        rows.iter().any(|r| r.starts_with("\"main")),
        "main stays pinned at the end of the list: {s}"
    );
    assert!(
        rows[1].contains("↑ ") && rows[1].contains("more"),
        "{}",
        rows[1]
    );
    let last = app.session.timeline.tracks().last().unwrap().label();
    assert!(s.contains(&last), "End shows the last thread, {last}");
    app.act(Action::PageUp);
    let s2 = screen(&draw(&mut app, 100, 30));
    assert!(!s2.contains(&last), "a page up leaves it below");
    app.act(Action::First);
    let s3 = screen(&draw(&mut app, 100, 30));
    assert!(
        !s3.lines().nth(1).unwrap().contains("↑ "),
        "Home: nothing above"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn the_output_pane_scrolls_back_and_says_what_is_before_and_after() {
    let mut app = finished("mixed");
    app.act(Action::FocusPane);
    assert_eq!(
        app.view.reading,
        Some(threadline::ui::view::Reading::Output)
    );
    let s = screen(&draw(&mut app, 100, 20));
    assert!(s.contains("earlier lines"), "{s}");
    app.act(Action::First);
    let s = screen(&draw(&mut app, 100, 20));
    assert!(
        s.contains("later lines"),
        "at the top, later lines wait below: {s}"
    );
    assert!(s.contains("▶ output"), "the pane being read is marked: {s}");
}

#[test]
fn a_live_run_shows_its_expected_length_from_the_start() {
    let mut app = App::with_options(args("basic"), Theme::new(false), true).unwrap();
    // Frozen at t = 0: the axis already reaches the program's end (3 s of
    // sleep), so the bars will grow towards it.
    let s = screen(&draw(&mut app, 100, 30));
    let axis = s.lines().nth(1).unwrap();
    assert!(axis.contains("┬3s"), "{axis}");
    let before = app.extent();
    app.session.step();
    app.drain();
    assert_eq!(
        app.extent(),
        before,
        "the axis stays put as the run goes on"
    );
    app.finish();
    assert!(app.extent() < before, "finished: the run fits the width");
}

#[test]
fn gil_cpu_shows_who_holds_the_gil_and_one_runner_a_cell() {
    let mut app = finished("gil-cpu");
    let s = screen(&draw(&mut app, 100, 30));
    let rows: Vec<&str> = s.lines().collect();
    let lane = rows
        .iter()
        .find(|r| r.starts_with("\"GIL"))
        .expect("a GIL lane");
    let workers: Vec<&str> = rows
        .iter()
        .filter(|r| r.starts_with("\"cpu "))
        .copied()
        .collect();
    assert_eq!(workers.len(), 4, "{s}");
    let start = chart_start(workers[0]).unwrap();
    let cols = |r: &str| r.chars().skip(start).collect::<Vec<char>>();
    let grid: Vec<Vec<char>> = workers.iter().map(|r| cols(r)).collect();
    let lane_cells = cols(lane);
    let mut turns = 0;
    for c in 0..grid[0].len() {
        let running = grid.iter().filter(|r| r.get(c) == Some(&'█')).count();
        assert!(
            running <= 1,
            "column {c}: {running} threads drawn holding the GIL\n{s}"
        );
        if running == 1 {
            turns += 1;
            assert_ne!(
                lane_cells.get(c),
                Some(&' '),
                "the lane names the holder at {c}"
            );
        }
        // Before the first of them ends, a cell is never blank: each
        // thread runs or waits for the GIL there.
        if c + 1
            < grid
                .iter()
                .map(|r| r.iter().position(|&ch| ch == '┤').unwrap_or(0))
                .min()
                .unwrap()
        {
            assert!(grid.iter().all(|r| r[c] != ' '), "a blank cell at {c}\n{s}");
        }
    }
    assert!(turns > 20, "turns seen at the default zoom: {turns}\n{s}");
    assert!(
        workers.iter().all(|r| r.contains('░')),
        "each waits for the GIL"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn marker_labels_never_run_into_each_other_at_any_width() {
    for name in ["basic", "daemon", "mixed", "join"] {
        let mut app = finished(name);
        for w in (40..=140).step_by(4) {
            let s = screen(&draw(&mut app, w, 24));
            let row = s
                .lines()
                .skip(2)
                .find(|l| l.contains('↑'))
                .unwrap_or_else(|| panic!("{name} at {w}: no marker labels\n{s}"));
            assert!(
                !row.contains("enprocess") && !row.contains("endprocess"),
                "{name} {w}: {row}"
            );
            let both = row.contains("main code end, process exit");
            let code = row.matches("main code end").count();
            let exit = row.matches("process exit").count();
            assert!(
                both || (code <= 1 && exit <= 1),
                "{name} {w}: each label once: {row}"
            );
        }
    }
}

/// The footer of a scenario's finished run at `w` columns.
fn footer_at(w: u16) -> String {
    let mut app = finished("basic");
    let t = draw(&mut app, w, 30);
    screen(&t)
        .lines()
        .last()
        .unwrap()
        .trim_matches('"')
        .to_string()
}

#[test]
fn the_footer_keeps_the_keys_a_learner_needs_first_at_80_100_and_120_columns() {
    let (f80, f100, f120) = (footer_at(80), footer_at(100), footer_at(120));
    insta::assert_snapshot!(format!("80:  {f80}\n100: {f100}\n120: {f120}"));
    let first = [
        "q quit",
        "space pause",
        "↑↓ select",
        "+- zoom",
        "r restart",
        "? help",
    ];
    for (w, f) in [(80, &f80), (100, &f100), (120, &f120)] {
        for k in first {
            assert!(f.contains(k), "{w} columns: {k} missing from {f:?}");
        }
        assert!(f.trim_end().ends_with("? help"), "{w}: help is last: {f:?}");
    }
    // More room, more keys: each width shows at least what a narrower one did.
    let keys = |f: &str| {
        f.split("  ")
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .count()
    };
    assert!(keys(&f80) <= keys(&f100) && keys(&f100) <= keys(&f120));
    assert!(f120.contains("s schedule"), "{f120}");
    // In the table's order, whatever was chosen first.
    let at = |f: &str, k: &str| f.find(k).unwrap();
    assert!(at(&f100, "q quit") < at(&f100, "+- zoom"));
    assert!(at(&f100, "+- zoom") < at(&f100, "? help"));
}
