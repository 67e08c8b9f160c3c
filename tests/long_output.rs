//! A program that prints without end: the dashboard keeps the last
//! `KEPT_LINES` lines (and says how many it no longer keeps), while
//! everything that writes the output out (a plain replay) writes every line.

use std::process::Command;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use threadline::event::{Event, EventKind, MAIN, Outcome, Stream};
use threadline::export::record::{self, Header, Recording};
use threadline::model::KEPT_LINES;
use threadline::ui::App;
use threadline::ui::theme::Theme;

const EXTRA: usize = 25;

/// Main prints `KEPT_LINES + EXTRA` lines, a microsecond apart, and ends.
fn chatty() -> Recording {
    let n = KEPT_LINES + EXTRA;
    let ev = |at: u64, kind| Event::new(1, at, MAIN, kind);
    let mut events = vec![ev(
        0,
        EventKind::Spawned {
            name: "main".into(),
            daemon: false,
            parent: None,
        },
    )];
    events.push(ev(0, EventKind::state(threadline::event::State::Running)));
    for i in 0..n {
        events.push(ev(
            1_000 * (i as u64 + 1),
            EventKind::Output {
                text: format!("line {i}"),
                stream: Stream::Stdout,
                more: false,
            },
        ));
    }
    let end = 1_000 * (n as u64 + 2);
    events.push(ev(end, EventKind::ended(Outcome::Finished)));
    events.push(ev(end, EventKind::ProcessExit { code: 0 }));
    Recording {
        header: Header::new("chatty", Default::default(), true, Default::default()),
        events,
    }
}

#[test]
fn a_plain_replay_writes_every_line_though_the_dashboard_keeps_the_last() {
    let rec = chatty();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chatty.jsonl");
    let mut out = std::fs::File::create(&file).unwrap();
    record::write(&mut out, &rec.header, &rec.events).unwrap();
    drop(out);

    let replayed = Command::new(env!("CARGO_BIN_EXE_threadline"))
        .args(["--lang", "en", "replay", "--plain"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(replayed.status.success(), "{replayed:?}");
    let text = String::from_utf8(replayed.stdout).unwrap();
    let printed: Vec<&str> = text.lines().filter(|l| l.starts_with("line ")).collect();
    assert_eq!(printed.len(), KEPT_LINES + EXTRA, "every line, in order");
    assert_eq!(printed[0], "line 0");
    assert_eq!(
        printed[KEPT_LINES + EXTRA - 1],
        format!("line {}", KEPT_LINES + EXTRA - 1)
    );

    let mut app = App::for_replay(rec, 1.0, Theme::new(false));
    app.finish();
    let output = &app.session.timeline.output;
    assert_eq!((output.len(), output.dropped()), (KEPT_LINES, EXTRA));
    assert_eq!(
        output.iter().next().map(|l| l.text.as_str()),
        Some(format!("line {EXTRA}").as_str()),
        "the oldest went"
    );
    let mut term = Terminal::new(TestBackend::new(160, 40)).unwrap();
    term.draw(|f| app.draw(f)).unwrap();
    let screen: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        screen.contains(&format!("and {EXTRA} older ones no longer kept")),
        "the output pane says what it no longer keeps"
    );
}
