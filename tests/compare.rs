//! `threadline compare` and the split view: the differences said for the
//! lesson's contrasts, whole frames of both panes, the plain output, the
//! SVG card and the Chrome trace of both, bad input on either side.

mod common;

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

#[test]
fn gil_cpu_against_no_gil_says_the_time_each_took() {
    let no_gil = Overrides {
        gil: Some(false),
        ..Overrides::default()
    };
    let app = pair(plain("gil-cpu"), settings("gil-cpu", no_gil));
    let s = said(&app);
    // On 2 cores without the GIL: about twice one thread's time, not four times.
    assert!(
        s.contains(&"time: 4.0× vs 2.0× one thread's time".to_string()),
        "{s:?}"
    );
    assert!(s[0].starts_with("exit: A at 3.9"), "{s:?}");
    assert!(s[0].contains("; B at 1.9"), "{s:?}");
    assert!(!s.iter().any(|l| l.contains("cut short")), "{s:?}");
    let heads = [app.heading(0), app.heading(1)].map(|h| h.render(Lang::En));
    assert!(
        heads[0].ends_with("Python 3.13 · GIL · daemon OFF"),
        "{heads:?}"
    );
    assert!(heads[1].contains("without the GIL"), "{heads:?}");
    assert!(
        heads[1].contains("Python 3.13t · no GIL (2 cores)"),
        "{heads:?}"
    );
}

#[test]
fn race_under_two_interpreters_says_which_counters_lost_updates() {
    let on = |p| Overrides {
        python: Some(p),
        ..Overrides::default()
    };
    let app = pair(
        settings("race", on(Python::V3_9)),
        settings("race", on(Python::V3_13)),
    );
    let s = said(&app);
    let counter = s
        .iter()
        .find(|l| l.starts_with("`counter`:"))
        .expect("counter differs");
    // 3.9 switches between any two bytecodes: `counter += 1` loses updates;
    // 3.13 switches only at calls: it keeps all 4000000.
    assert!(
        counter.ends_with(", 4000000 in B (expected 4000000)"),
        "{counter}"
    );
    assert!(!counter.contains(": 4000000 in A"), "{counter}");
    assert!(
        !s.iter().any(|l| l.starts_with("`safe`")),
        "the lock keeps both: {s:?}"
    );
    // What each printed of it, side by side.
    assert!(
        s.contains(&"1 `counter = 4000000` line: B only".to_string()),
        "{s:?}"
    );
    // In Korean too, from the same numbers.
    let ko: Vec<String> = app
        .differences()
        .iter()
        .map(|m| m.render(Lang::Ko))
        .collect();
    assert!(
        ko.iter().any(|l| l.starts_with("`counter`: A에서 ")),
        "{ko:?}"
    );
}

#[test]
fn v_splits_the_dashboard_on_the_variant_toggled_last_and_v_again_returns() {
    let mut app = App::with_options(plain("basic"), Theme::new(false), true).unwrap();
    assert_eq!(app.act(Action::ToggleDaemon), Update::Run);
    assert_eq!(app.session.daemon_mode(), Some(true));
    assert_eq!(app.act(Action::Split), Update::Run);
    assert_eq!(app.mode(), Mode::Split);
    let twin = app.session.twin().expect("split");
    assert_eq!(
        twin.program.daemon_mode(),
        Some(false),
        "below: d the other way"
    );
    // Both restarted, paused at 0 together, on one clock.
    assert_eq!(app.phase(), Phase::Paused);
    app.act(Action::Step);
    app.finish();
    let s = said(&app);
    assert!(
        s.contains(&"5 `sub thread end` lines: B only".to_string()),
        "{s:?}"
    );
    // The keys act on the focused pane; the footer says which.
    let frame = draw(&mut app, 120, 35);
    assert!(frame.contains("select (A)"), "{frame}");
    assert_eq!(app.act(Action::FocusPane), Update::View);
    app.act(Action::Down);
    assert_eq!((app.view.selected, app.view.lower_selected), (0, 1));
    let frame = draw(&mut app, 120, 35);
    assert!(frame.contains("select (B)"), "{frame}");
    assert!(frame.contains("▶ B · basic"), "{frame}");
    // `g` now: the top toggles the GIL and the lower pane shows that flip.
    app.act(Action::ToggleGil);
    let twin = app.session.twin().expect("still split");
    assert!(!app.session.program.gil && twin.program.gil);
    assert_eq!(app.session.daemon_mode(), twin.program.daemon_mode());
    assert_eq!(app.act(Action::Split), Update::Run);
    assert!(!app.session.is_split());
    assert_eq!(app.mode(), Mode::Scenario);
    assert_eq!(app.view.focus, 0);
    // One run shown: o goes on to the output pane.
    let m = app.act(Action::FocusPane);
    assert_eq!(m, Update::View);
    assert_eq!(app.view.focus, 0);
    assert_eq!(
        app.view.reading,
        Some(threadline::ui::view::Reading::Output)
    );
}

#[test]
fn on_a_comparison_d_changes_the_focused_side() {
    let mut app = App::for_compare(plain("basic"), plain("daemon"), Theme::new(false)).unwrap();
    app.act(Action::FocusPane);
    app.act(Action::ToggleDaemon);
    let twin = app.session.twin().unwrap();
    assert_eq!(twin.program.daemon_mode(), Some(false), "B: daemon off");
    assert_eq!(app.session.daemon_mode(), Some(false), "A as it was");
    app.finish();
    let s = said(&app);
    assert!(!s.iter().any(|l| l.contains("cut short")), "{s:?}");
}

fn threadline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_threadline"))
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("runs")
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = common::scratch("compare");
    dir.join(name)
}

#[test]
fn plain_prints_both_sides_then_the_differences_and_the_outputs_hold_both() {
    let svg = tmp("pair.svg");
    let trace = tmp("pair.json");
    let _ = std::fs::remove_file(&svg);
    let _ = std::fs::remove_file(&trace);
    let (svg_s, trace_s) = (svg.to_str().unwrap(), trace.to_str().unwrap());
    let args = [
        "compare",
        "basic",
        "daemon",
        "--seed",
        "1",
        "--speed",
        "100",
        "--cores",
        "2",
        "--svg",
        svg_s,
        "--export-trace",
        trace_s,
    ];
    let out = threadline(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8(out.stdout).unwrap();
    let a = s.find("A · basic: ").expect("A's heading");
    let b = s.find("B · daemon: ").expect("B's heading");
    let d = s.find("Differences (A vs B):").expect("the differences");
    assert!(a < b && b < d, "{s}");
    assert_eq!(s[a..b].matches("sub thread end    thread").count(), 5);
    assert!(s[b..d].contains("Never printed (cut short):"));
    assert!(s[d..].contains("  5 `sub thread end` lines: A only"), "{s}");
    insta::assert_snapshot!("plain_basic_daemon", s);
    // The card: two titled groups on one axis.
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("the SVG parses");
    let sides: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("side"))
        .collect();
    assert_eq!(sides.len(), 2);
    for (g, want) in sides.iter().zip(["A · basic: ", "B · daemon: "]) {
        let title = g
            .descendants()
            .find(|n| n.attribute("class") == Some("side-title"))
            .and_then(|n| n.text())
            .unwrap_or_default();
        assert!(title.starts_with(want), "{title}");
        assert_eq!(
            g.descendants()
                .filter(|n| n.attribute("class") == Some("row"))
                .count(),
            6
        );
    }
    // The axis labels are the same above both charts: one axis.
    let labels = |g: &roxmltree::Node| -> Vec<String> {
        g.descendants()
            .filter(|n| {
                n.attribute("text-anchor") == Some("middle")
                    && n.attribute("font-size") == Some("11")
            })
            .filter(|n| {
                n.parent()
                    .is_some_and(|p| p.attribute("class") == Some("side"))
            })
            .filter_map(|n| n.text().map(String::from))
            .collect()
    };
    assert_eq!(labels(&sides[0]), labels(&sides[1]));
    assert!(
        labels(&sides[0]).contains(&"3.0s".to_string()),
        "{:?}",
        labels(&sides[0])
    );
    // The trace: two processes.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&trace).unwrap()).unwrap();
    let names: Vec<(u64, String)> = json["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["name"] == "process_name")
        .map(|e| {
            (
                e["pid"].as_u64().unwrap(),
                e["args"]["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(names[0].0, 1);
    assert!(names[0].1.starts_with("A · basic"));
    assert_eq!(names[1].0, 2);
    assert!(names[1].1.starts_with("B · daemon"));
    // Outputs are not overwritten without --force.
    let again = threadline(&args);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn bad_input_on_side_b_names_the_side_and_exits_2() {
    let say = |args: &[&str]| {
        let out = threadline(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let e = say(&["compare", "basic", "nosuch", "--plain"]);
    assert!(e.starts_with("threadline: B: nosuch: "), "{e}");
    let e = say(&["compare", "basic", "basic --deamon", "--plain"]);
    assert!(
        e.starts_with("threadline: B: unexpected argument '--deamon'"),
        "{e}"
    );
    let e = say(&["compare", "basic --python 2.7", "daemon", "--plain"]);
    assert!(e.starts_with("threadline: A: "), "{e}");
    let file = tmp("bad.toml");
    std::fs::write(&file, "main = [\n  { slep = 1 },\n]\n").unwrap();
    let e = say(&["compare", "basic", file.to_str().unwrap(), "--plain"]);
    let want = format!(
        "threadline: B: {}:2:5: unknown field `slep`",
        file.display()
    );
    assert!(e.starts_with(&want), "{e}");
}

#[test]
fn a_ring_one_side_leaves_behind_lets_that_side_end_by_itself() {
    // A: two daemons in a ring that main leaves behind (it exits 0); B: the
    // deadlock that holds main too, which ends the comparison with 3.
    let ring = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/ring-left.toml"
    );
    let o = threadline(&[
        "compare", ring, "deadlock", "--plain", "--speed", "50", "--seed", "1",
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(3), "{out}");
    let a = out.split("\nB · ").next().unwrap_or_default();
    assert!(
        a.contains("main leaves")
            && a.contains("process exited at 2.0")
            && a.contains("The rest of the program went on without them"),
        "{a}"
    );
}
