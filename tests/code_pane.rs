//! The code pane: each live thread's mark on the line it was last seen at,
//! from the sites its state changes carry; a scenario's sites are its
//! steps' lines, placed on its Python twin (a built-in's hand-written one,
//! a scenario file's generated one).

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use threadline::event::{Detail, Event, EventKind, Outcome, SECOND, State};
use threadline::i18n::Lang;
use threadline::model::Timeline;
use threadline::setup::RunSettings;
use threadline::ui::App;
use threadline::ui::keymap::Action;
use threadline::ui::session::code::Code;
use threadline::ui::theme::Theme;
use threadline::ui::widgets::code::CodeView;

const BANK: &str = "import threading, time

vault = threading.Lock()

def teller(n):
    with vault:
        time.sleep(0.8)
    print(\"teller\", n, \"done\")

threads = [threading.Thread(target=teller, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()";

fn at(site: &str) -> Detail {
    Detail {
        site: Some(site.into()),
        ..Detail::default()
    }
}

fn ev(t: u64, thread: u32, kind: EventKind) -> Event {
    Event::new(1, t, thread, kind)
}

fn spawned(name: &str) -> EventKind {
    EventKind::Spawned {
        name: name.into(),
        daemon: false,
        parent: None,
    }
}

/// Main joins teller 0, which sleeps holding the vault; teller 1 waits for
/// the vault; teller 2 has ended.
fn model() -> Timeline {
    Timeline::from_events(&[
        ev(0, 0, spawned("main")),
        ev(0, 0, EventKind::state(State::Running)),
        ev(1, 1, spawned("teller-0")),
        ev(1, 1, EventKind::state_with(State::Running, at("bank.py:5"))),
        ev(2, 2, spawned("teller-1")),
        ev(2, 2, EventKind::state_with(State::Running, at("bank.py:5"))),
        ev(3, 3, spawned("teller-2")),
        ev(3, 3, EventKind::state_with(State::Running, at("bank.py:5"))),
        ev(4, 3, EventKind::ended(Outcome::Finished)),
        ev(
            5,
            1,
            EventKind::state_with(State::Sleeping, at("bank.py:7")),
        ),
        ev(
            6,
            2,
            EventKind::state_with(State::WaitingLock, at("bank.py:6")),
        ),
        ev(
            7,
            0,
            EventKind::state_with(State::Joining, at("bank.py:14")),
        ),
        // Running again after its join: no new line, the last one holds.
        ev(SECOND, 0, EventKind::state(State::Running)),
    ])
}

fn code() -> Code {
    Code {
        file: "bank.py".into(),
        lines: BANK.lines().map(str::to_string).collect(),
        steps: None,
    }
}

use common::buffer_text as text;

#[test]
fn each_live_thread_is_on_the_line_it_was_last_seen_at() {
    let tl = model();
    let c = code();
    let view = CodeView {
        code: Some(&c),
        timeline: &tl,
        now: 2 * SECOND,
        selected: 2,
        differences: &[],
        theme: Theme::new(false),
        lang: Lang::En,
    };
    assert_eq!(
        view.marks(),
        vec![(6, vec![2]), (7, vec![1]), (14, vec![0])],
        "teller-2 has ended and is on no line; main's join line holds"
    );
    let mut buf = Buffer::empty(Rect::new(0, 0, 48, 16));
    (&view).render(buf.area, &mut buf);
    let rows = text(&buf);
    insta::assert_snapshot!(rows.join("\n"));
    let lit = rows.iter().position(|r| r.contains("with vault")).unwrap();
    let x = rows[lit].find("with").unwrap();
    let cell = &buf[(rows[lit][..x].chars().count() as u16, lit as u16)];
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::REVERSED),
        "the selected thread's line is lit: {:?}",
        cell.modifier
    );
}

#[test]
fn a_file_of_another_name_or_a_line_past_the_end_marks_nothing() {
    let tl = Timeline::from_events(&[
        ev(0, 0, spawned("main")),
        ev(
            0,
            0,
            EventKind::state_with(State::Sleeping, at("other.py:3")),
        ),
        ev(0, 1, spawned("w")),
        ev(
            0,
            1,
            EventKind::state_with(State::Sleeping, at("bank.py:999")),
        ),
    ]);
    let c = code();
    let view = CodeView {
        code: Some(&c),
        timeline: &tl,
        now: SECOND,
        selected: 0,
        differences: &[],
        theme: Theme::new(false),
        lang: Lang::En,
    };
    assert!(view.marks().is_empty());
}

/// The built-in `name` fast, seed 42, on 2 cores.
fn side(name: &str) -> RunSettings {
    common::fast(name, 42)
}

#[test]
fn c_shows_a_scenarios_twin_in_place_of_the_output_and_what_its_marks_are() {
    let mut app = App::new(side("basic"), Theme::new(false)).expect("basic loads");
    app.finish();
    app.act(Action::Code);
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    let s = t.backend().to_string();
    assert!(s.contains("code · basic.py"), "{s}");
    assert!(s.contains("the step that made its latest change"), "{s}");
    assert!(s.contains("import threading"), "the twin's code: {s}");
    assert!(
        !s.contains(" output "),
        "the code pane takes the output's place"
    );
    app.act(Action::Code);
    t.draw(|f| app.draw(f)).unwrap();
    assert!(t.backend().to_string().contains(" output "));
}

#[test]
fn on_a_comparison_the_code_pane_says_what_only_each_program_has() {
    let mut app = App::for_compare(side("basic"), side("daemon"), Theme::new(false)).unwrap();
    app.finish();
    let only = threadline::scenario::twin_differences("basic", "daemon").unwrap();
    assert!(
        only.iter().any(|d| d.side == 1),
        "daemon's twin has lines of its own"
    );
    assert_eq!(app.session.code_differences(), only.as_slice());
    app.act(Action::Code);
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    let s = t.backend().to_string();
    assert!(s.contains("only B's program has"), "{s}");
    let b_line = only.iter().find(|d| d.side == 1).unwrap();
    assert!(s.contains(&format!("B+ {:>4}", b_line.line)), "{s}");
    // A's threads are marked on A's twin, with B's lines listed above it.
    let tl = app.session.timeline_of(0);
    let now = entered(tl, "thread 0", State::Sleeping) + 1;
    let view = CodeView {
        code: app.session.code(),
        timeline: tl,
        now,
        selected: 1,
        differences: app.session.code_differences(),
        theme: Theme::new(false),
        lang: Lang::En,
    };
    let twin = app.session.code().unwrap();
    let marks = view.marks();
    let sleeping = marks
        .iter()
        .find(|(_, rows)| rows.contains(&1))
        .map(|(l, _)| twin.lines[l - 1].trim());
    assert_eq!(sleeping, Some("time.sleep(SLEEP)"), "{marks:?}");
    let mut buf = Buffer::empty(Rect::new(0, 0, 70, 50));
    (&view).render(buf.area, &mut buf);
    let rows = text(&buf);
    assert!(rows.iter().any(|r| r.starts_with("B+ ")), "{rows:#?}");
    assert!(
        rows.iter()
            .any(|r| r.contains("time.sleep(SLEEP)") && r.starts_with('0')),
        "thread 0's mark on its sleep: {rows:#?}"
    );
}

#[test]
fn the_hidden_output_is_never_the_pane_the_keys_read() {
    let mut app = App::new(side("basic"), Theme::new(false)).expect("basic loads");
    app.finish();
    use threadline::ui::view::Reading;
    app.act(Action::FocusPane);
    assert_eq!(app.view.reading, Some(Reading::Output));
    app.act(Action::Code);
    assert_eq!(
        app.view.reading, None,
        "c hides the output: the keys leave it"
    );
    app.act(Action::FocusPane);
    assert_eq!(
        app.view.reading,
        Some(Reading::Explain),
        "o skips the hidden output"
    );
}

fn finished(scenario: &str) -> App {
    common::finished_app(scenario.into(), 42, Lang::En)
}

/// The first time `name` enters `state` in `tl`.
fn entered(tl: &Timeline, name: &str, state: State) -> u64 {
    let track = tl.tracks().iter().find(|t| t.name == name).unwrap();
    track
        .spans(tl.horizon(0))
        .find(|s| s.state == state)
        .unwrap_or_else(|| panic!("{name} was never {state:?}"))
        .start
}

/// The row of the first thread of `tl` that waited for a lock.
fn lock_waiter(tl: &Timeline) -> Option<usize> {
    tl.tracks().iter().position(|t| {
        t.spans(tl.horizon(0))
            .any(|s| s.state == State::WaitingLock)
    })
}

/// The code pane of `app`'s finished run at `now`, drawn on a test terminal.
fn frame(
    app: &App,
    now: u64,
    selected: usize,
    w: u16,
    h: u16,
) -> (Vec<(usize, Vec<usize>)>, Buffer) {
    let view = CodeView {
        code: app.session.code(),
        timeline: app.session.timeline_of(0),
        now,
        selected,
        differences: &[],
        theme: Theme::new(false),
        lang: Lang::En,
    };
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(&view, f.area())).unwrap();
    (view.marks(), t.backend().buffer().clone())
}

fn lit_row(buf: &Buffer) -> Option<String> {
    let rows = text(buf);
    rows.into_iter().enumerate().find_map(|(y, row)| {
        let last = row.trim_end().chars().count().saturating_sub(1) as u16;
        let cell = &buf[(last, y as u16)];
        cell.modifier
            .contains(ratatui::style::Modifier::REVERSED)
            .then_some(row)
    })
}

#[test]
fn join_marks_main_on_its_join_and_the_workers_on_their_sleep() {
    let app = finished("join");
    let tl = app.session.timeline_of(0);
    // Once both workers sleep (the first one's warning took it a while),
    // main waits in t1.join().
    let now = entered(tl, "1", State::Sleeping).max(entered(tl, "2", State::Sleeping)) + 1;
    assert!(entered(tl, "main", State::Joining) < now);
    let (marks, buf) = frame(&app, now, 0, 60, 42);
    let twin = app.session.code().unwrap();
    let line = |n: usize| twin.lines[n - 1].trim().to_string();
    let at: Vec<(String, usize)> = marks
        .iter()
        .map(|(l, rows)| (line(*l), rows.len()))
        .collect();
    assert_eq!(
        at,
        vec![
            ("time.sleep(SLEEP)".to_string(), 2),
            ("t1.join()".to_string(), 1),
        ],
        "{marks:?}"
    );
    assert!(
        lit_row(&buf).is_some_and(|r| r.contains("t1.join()")),
        "main's line is lit"
    );
    insta::assert_snapshot!(text(&buf).join("\n"));
    // Worker 1's warning made it the later one: when it ends, worker 2
    // has ended already, so t2.join() returns at once and changes nothing:
    // main's latest change is still its return from t1.join().
    let end = |n: &str| {
        tl.tracks()
            .iter()
            .find(|t| t.name == n)
            .unwrap()
            .end()
            .unwrap()
            .0
    };
    assert!(end("2") < end("1"));
    let (marks, _) = frame(&app, end("1") + 1, 0, 60, 18);
    let at: Vec<String> = marks.iter().map(|(l, _)| line(*l)).collect();
    assert_eq!(at, vec!["t1.join()".to_string()], "{marks:?}");
}

#[test]
fn race_marks_a_thread_waiting_for_the_lock_on_the_with_line() {
    let app = finished("race");
    let tl = app.session.timeline_of(0);
    let twin = app.session.code().unwrap();
    let waiting = lock_waiter(tl).expect("a locked thread waits for the lock");
    let name = tl.tracks()[waiting].name.clone();
    let now = entered(tl, &name, State::WaitingLock) + 1;
    let (marks, buf) = frame(&app, now, waiting, 70, 24);
    let (line, _) = marks.iter().find(|(_, r)| r.contains(&waiting)).unwrap();
    assert_eq!(twin.lines[line - 1].trim(), "with lock:");
    assert!(lit_row(&buf).is_some_and(|r| r.contains("with lock:")));
    let others: Vec<&str> = marks
        .iter()
        .filter(|(l, _)| l != line)
        .map(|(l, _)| twin.lines[l - 1].trim())
        .collect();
    assert!(
        others
            .iter()
            .all(|l| ["safe += 1", "t.start()", "t.join()", "with lock:"].contains(l)),
        "the other lockers hold the lock or wait for it; main starts or joins them: {others:?}"
    );
}

#[test]
fn a_scenario_files_threads_are_marked_on_its_generated_twin() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bakery.toml");
    std::fs::write(
        &path,
        r#"title = "two bakers"
main = [
  { print = "open" },
  { spawn = "Baker", count = 2, name = "baker {i}" },
  { join = "all" },
]

[classes.Baker]
run = [
  { print = "{name} kneads" },
  { sleep = 1 },
  { acquire = "oven" },
  { sleep = 2 },
  { release = "oven" },
]
"#,
    )
    .unwrap();
    let app = finished(path.to_str().unwrap());
    let tl = app.session.timeline_of(0);
    let twin = app.session.code().expect("a scenario file has a twin");
    assert_eq!(twin.file, "bakery.py");
    // When the second baker waits for the oven, the first sleeps in it.
    let waiter = tl.tracks()[lock_waiter(tl).expect("one baker waits for the oven")]
        .name
        .clone();
    let now = entered(tl, &waiter, State::WaitingLock) + 1;
    let (marks, buf) = frame(&app, now, 0, 70, 40);
    let at: Vec<(&str, usize)> = marks
        .iter()
        .map(|(l, rows)| (twin.lines[l - 1].trim(), rows.len()))
        .collect();
    assert_eq!(
        at,
        vec![
            ("oven.acquire()", 1),
            ("time.sleep(2 * SCALE)", 1),
            ("t.join()", 1)
        ],
        "{marks:?}\n{}",
        twin.lines.join("\n")
    );
    insta::assert_snapshot!(text(&buf).join("\n"));
}
