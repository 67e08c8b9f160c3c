//! The timeline widget on a Buffer: glyphs, sub-cell edges, end marks and
//! markers, from a hand-made model.

mod common;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use threadline::event::{Event, EventKind, Outcome, SECOND, State};
use threadline::i18n::Lang;
use threadline::model::Timeline;
use threadline::ui::theme::Theme;
use threadline::ui::widgets::timeline::TimelineView;

fn ev(at: u64, thread: u32, kind: EventKind) -> Event {
    Event::new(1, at, thread, kind)
}

fn model() -> Timeline {
    let spawned = |name: &str, daemon| EventKind::Spawned {
        name: name.into(),
        daemon,
        parent: None,
    };
    let st = |state| EventKind::state(state);
    Timeline::from_events(&[
        ev(0, 0, spawned("main", false)),
        ev(0, 0, st(State::Running)),
        ev(0, 1, spawned("w", true)),
        ev(0, 1, st(State::Sleeping)),
        ev(SECOND / 2 + SECOND / 16, 0, EventKind::MainCodeEnd),
        ev(SECOND / 2 + SECOND / 16, 0, st(State::WaitingAtExit)),
        ev(SECOND, 0, EventKind::ProcessExit { code: 0 }),
        ev(SECOND, 0, EventKind::ended(Outcome::Finished)),
        ev(SECOND, 1, EventKind::ended(Outcome::CutShort)),
    ])
}

use common::buffer_text as text;

/// The model drawn 38×4, 2 s wide at 1 s, row `selected` selected,
/// without colour.
fn drawn(selected: usize) -> Buffer {
    let tl = model();
    let view = TimelineView {
        timeline: &tl,
        window: (0, 2 * SECOND),
        now: SECOND,
        selected,
        top: 0,
        gil_lane: false,
        marks: false,
        theme: Theme::new(false),
        lang: Lang::En,
    };
    let mut buf = Buffer::empty(Rect::new(0, 0, 38, 4));
    (&view).render(buf.area, &mut buf);
    buf
}

#[test]
fn rows_glyphs_edges_and_marks() {
    let buf = drawn(5);
    // Chart: 16 columns for 2 s, so 1/8 s a cell. main runs 0.5625 s:
    // 4 full cells and half of the fifth (▌), then waits at exit.
    let expected = Buffer::with_lines([
        "thread   state        ┬0s             ",
        "main     exited       ████▌┈┈┈┤       ",
        "w      ᴰ cut short    ▒▒▒▒▒▒▒▒✂       ",
        "                          ↑ main code ",
    ]);
    assert_eq!(text(&buf), text(&expected));
}

#[test]
fn a_cut_stands_out_without_colour() {
    let buf = drawn(0);
    let cut = (0..38)
        .map(|x| &buf[(x, 2)])
        .find(|c| c.symbol() == "✂")
        .expect("a cut mark");
    let m = cut.modifier;
    use ratatui::style::Modifier;
    assert!(
        m.contains(Modifier::BOLD) && m.contains(Modifier::REVERSED),
        "{m:?}"
    );
}
