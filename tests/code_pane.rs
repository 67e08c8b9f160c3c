//! The code pane: each live thread's mark on the line it was last seen at,
//! from the sites its state changes carry; a scenario shows its twin and
//! says that its threads are not placed on it.

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

fn code(sited: bool) -> Code {
    Code {
        file: "bank.py".into(),
        lines: BANK.lines().map(str::to_string).collect(),
        sited,
    }
}

use common::buffer_text as text;

#[test]
fn each_live_thread_is_on_the_line_it_was_last_seen_at() {
    let tl = model();
    let c = code(true);
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
    let c = code(true);
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
fn c_shows_a_scenarios_twin_in_place_of_the_output_and_says_it_is_unmarked() {
    let mut app = App::new(side("basic"), Theme::new(false)).expect("basic loads");
    app.finish();
    app.act(Action::Code);
    let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    let s = t.backend().to_string();
    assert!(s.contains("code · basic.py"), "{s}");
    assert!(s.contains("tied to the twin's lines"), "{s}");
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
