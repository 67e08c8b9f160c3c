//! Names stay distinct when cut: the name column of the timeline, the
//! output pane (at most `NAME_MAX` columns) and, never cut, the plain
//! summary. The scenario `tests/scenarios/pool-names.toml` has three pool
//! workers (`ThreadPoolExecutor-0_0` …) and two threads whose names part
//! only after 19 columns; `shorten` alone reads the last two alike.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use threadline::i18n::Lang;
use threadline::text::shorten;
use threadline::ui::App;
use threadline::ui::theme::Theme;

const POOL: [&str; 5] = [
    "ThreadPoolExecutor-0_0",
    "ThreadPoolExecutor-0_1",
    "ThreadPoolExecutor-0_2",
    "ThreadPoolExecutor-downloads-1",
    "ThreadPoolExecutor-uploads-1",
];

fn scenario() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/pool-names.toml")
        .display()
        .to_string()
}

fn finished(lang: Lang) -> App {
    common::finished_app(scenario(), 7, lang)
}

fn rows(app: &mut App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// The timeline's name column: the first word of each pool thread's row
/// (above the output pane's title).
fn timeline_names(screen: &[String]) -> Vec<String> {
    screen
        .iter()
        .take_while(|r| !r.contains("────"))
        .filter(|r| r.starts_with("Thread"))
        .map(|r| r.split_whitespace().next().unwrap_or_default().to_string())
        .collect()
}

/// The output pane's names: the word after the time on each `done` line.
fn output_names(screen: &[String]) -> Vec<String> {
    screen
        .iter()
        .filter(|r| r.contains(" done"))
        .map(|r| r.split_whitespace().nth(1).unwrap_or_default().to_string())
        .collect()
}

fn distinct(names: &[String]) -> usize {
    names.iter().collect::<HashSet<_>>().len()
}

#[test]
fn alone_the_cut_would_read_two_threads_alike() {
    // What makes the tests below able to fail.
    assert_eq!(shorten(POOL[3], 20), shorten(POOL[4], 20));
}

#[test]
fn the_timeline_keeps_every_name_apart() {
    for (w, h) in [(80, 24), (60, 20), (120, 35)] {
        let screen = rows(&mut finished(Lang::En), w, h);
        let names = timeline_names(&screen);
        assert_eq!(
            distinct(&names),
            5,
            "{w}x{h}: {names:?}\n{}",
            screen.join("\n")
        );
        for (name, full) in names.iter().zip(POOL) {
            assert!(name.contains('…'), "{name} is cut");
            let (head, tail) = name.split_once('…').unwrap();
            assert!(
                full.starts_with(head) && full.ends_with(tail),
                "{name} of {full}"
            );
        }
        assert_eq!(names[2], "ThreadPoolExecut…0_2", "{w}x{h}");
    }
}

#[test]
fn the_output_pane_cuts_pool_workers_to_twelve_columns_apart() {
    let screen = rows(&mut finished(Lang::En), 80, 24);
    let mut names = output_names(&screen);
    names.sort();
    assert_eq!(names.len(), 5, "{}", screen.join("\n"));
    assert_eq!(distinct(&names), 5, "{names:?}");
    assert!(names.iter().all(|n| threadline::text::width(n) <= 12));
    for n in ["ThreadPo…0_0", "ThreadPo…0_1", "ThreadPo…0_2"] {
        assert!(names.iter().any(|m| m == n), "{n} in {names:?}");
    }
}

#[test]
fn korean_frames_keep_them_apart_too() {
    let screen = rows(&mut finished(Lang::Ko), 80, 24);
    assert_eq!(
        distinct(&timeline_names(&screen)),
        5,
        "{}",
        screen.join("\n")
    );
    assert_eq!(distinct(&output_names(&screen)), 5, "{}", screen.join("\n"));
}

#[test]
fn plain_mode_never_cuts_a_name() {
    let out = Command::new(env!("CARGO_BIN_EXE_threadline"))
        .args(["--lang", "en", "run", &scenario(), "--plain"])
        .args(["--speed", "100", "--seed", "1", "--cores", "2"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    for name in POOL {
        assert!(
            s.lines().any(|l| l.split_whitespace().next() == Some(name)),
            "{name} whole in\n{s}"
        );
    }
    assert!(!s.contains('…'), "{s}");
}

#[test]
fn pool_names_frame() {
    let screen = rows(&mut finished(Lang::En), 80, 24);
    insta::assert_snapshot!(screen.join("\n"));
}

/// The GIL lane's words over a `gil-cpu` run at top speed (seed 1), at
/// many moments: who holds the GIL, as the state column has room for it.
#[test]
fn the_gil_lane_never_says_a_cut_name() {
    use std::sync::Arc;
    use threadline::event::SECOND;
    use threadline::model::Timeline;
    use threadline::runtime::{MAX_SPEED, Run, RunOptions};
    use threadline::scenario::{self, Overrides};
    use threadline::ui::widgets::timeline::TimelineView;

    let program = Arc::new(
        scenario::builtin("gil-cpu", Overrides::default())
            .unwrap()
            .unwrap(),
    );
    let (tx, rx) = crossbeam_channel::unbounded();
    let opts = RunOptions {
        speed: MAX_SPEED,
        seed: 1,
        paused: false,
        cores: 2,
    };
    Run::start(program, opts, tx).unwrap().wait();
    let events: Vec<_> = rx.try_iter().flatten().collect();
    let mut said = HashSet::new();
    for k in 1..40u64 {
        let now = k * SECOND / 40;
        // The run as far as it got at `now`.
        let seen: Vec<_> = events.iter().filter(|e| e.at <= now).cloned().collect();
        let tl = Timeline::from_events(&seen);
        let view = TimelineView {
            timeline: &tl,
            window: (0, 4 * SECOND),
            now,
            selected: 0,
            top: 0,
            gil_lane: true,
            marks: false,
            theme: Theme::new(false),
            lang: Lang::En,
        };
        let area = ratatui::layout::Rect::new(0, 0, 80, 8);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        ratatui::widgets::Widget::render(&view, area, &mut buf);
        let lane: String = (0..80).map(|x| buf[(x, 1)].symbol()).collect();
        let words = lane["GIL".len()..].trim_start();
        let words = words.split("  ").next().unwrap_or_default().trim();
        if let Some(who) = words.strip_prefix("held by ") {
            // A whole name, or the thread's mark as the lane draws it.
            assert!(
                ["cpu 0", "cpu 1", "cpu 2", "cpu 3", "main"].contains(&who)
                    || (who.chars().count() == 1 && "0123M".contains(who)),
                "{lane}"
            );
            said.insert(who.to_string());
        } else {
            assert_eq!(words.split(' ').next(), Some("free"), "{lane}");
        }
    }
    assert!(said.len() >= 3, "turns seen: {said:?}");
}
