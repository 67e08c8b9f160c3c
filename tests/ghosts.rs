//! Ghosts: what a thread cut short at the exit would still have done. The
//! model keeps them, the dashboard draws them past the `✂`, the output pane
//! and `--plain` list the lines never printed, the exports carry them, and
//! a finished thread (or a traced program) has none.

use std::process::Command;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use threadline::event::{Outcome, SECOND, State};
use threadline::i18n::Lang;
use threadline::look;
use threadline::model::Timeline;
use threadline::scenario::{self, Overrides, Program};
use threadline::setup::RunSettings;
use threadline::ui::App;
use threadline::ui::theme::Theme;

mod common;
use common::run;

fn program(name: &str, daemon: Option<bool>) -> Program {
    let o = Overrides {
        daemon,
        ..Overrides::default()
    };
    scenario::builtin(name, o).unwrap().unwrap()
}

/// Every cut-short thread has a ghost that starts at its cut and runs on in
/// order; no other thread has one.
fn assert_ghosts_follow_cuts(tl: &Timeline) {
    for t in tl.tracks() {
        let cut = matches!(t.end(), Some((_, Outcome::CutShort)));
        assert_eq!(
            t.ghost().is_some(),
            cut,
            "{}: a ghost iff cut short",
            t.name
        );
        let (Some(g), Some((end, _))) = (&t.ghost(), t.end()) else {
            continue;
        };
        let mut at = end;
        for s in &g.spans {
            assert!(s.start >= at, "{}: {s:?} after {at}", t.name);
            assert!(s.end > s.start, "{}: {s:?} is not empty", t.name);
            at = s.end;
        }
        for l in &g.lines {
            assert!(
                l.at >= end,
                "{}: a line never printed comes after the cut",
                t.name
            );
        }
    }
}

#[test]
fn daemon_ghosts_sleep_on_to_three_seconds_and_print_the_end_lines() {
    for seed in 0..4 {
        let (_, tl) = run(program("daemon", None), seed);
        assert_ghosts_follow_cuts(&tl);
        let (exit, _) = tl.process_exit.unwrap();
        let cut: Vec<_> = tl.tracks().iter().filter(|t| t.ghost().is_some()).collect();
        assert_eq!(cut.len(), 5, "seed {seed}: five daemons cut short");
        for t in cut {
            let g = t.ghost().unwrap();
            assert!(!g.waits, "a daemon's rest needs no other thread");
            // time.sleep(3) from its start: never early, so past 3 s.
            let slept = g.time_in(State::Sleeping);
            assert!(slept > 2 * SECOND && g.end().unwrap() > 3 * SECOND, "{t:?}");
            let last = g.lines.last().unwrap();
            assert!(last.text.starts_with("sub thread end"), "{last:?}");
            assert_eq!(g.end(), Some(g.spans.last().unwrap().end));
            assert!(last.at > exit);
        }
        // The picture runs to the ghosts' end; the exit stays where it was.
        assert!(tl.extent(0) > 3 * SECOND && tl.horizon(0) == exit);
        let lines = tl.ghost_lines();
        assert!(lines.windows(2).all(|w| w[0].1.at <= w[1].1.at), "by time");
    }
}

#[test]
fn the_same_seed_gives_the_same_ghosts_and_finished_threads_have_none() {
    let ghosts = |seed| {
        let (_, tl) = run(program("mixed", None), seed);
        assert_ghosts_follow_cuts(&tl);
        tl.tracks()
            .iter()
            .map(|t| t.ghost().cloned())
            .collect::<Vec<_>>()
    };
    let a = ghosts(7);
    assert_eq!(
        a.iter().flatten().count(),
        3,
        "mixed cuts its three daemons"
    );
    assert_eq!(a, ghosts(7));
    assert_ne!(a, ghosts(8), "another seed, other jitter");
    for name in ["basic", "join", "gil-cpu", "race"] {
        let (_, tl) = run(program(name, None), 1);
        assert!(tl.tracks().iter().all(|t| t.ghost().is_none()), "{name}");
        assert!(tl.ghost_lines().is_empty());
        assert_eq!(tl.extent(0), tl.horizon(0));
    }
}

#[test]
fn basic_as_daemons_has_basics_axis_and_end_lines() {
    let (_, basic) = run(program("basic", None), 3);
    let (_, cut) = run(program("basic", Some(true)), 3);
    assert_ghosts_follow_cuts(&cut);
    assert!(cut.horizon(0) < SECOND, "the exit comes at once");
    // Like with like: both pictures span about the same 3 s.
    let (a, b) = (basic.extent(0) as f64, cut.extent(0) as f64);
    assert!((a - b).abs() / a < 0.05, "{a} vs {b}");
    let printed = |tl: &Timeline| {
        tl.output
            .iter()
            .filter(|l| l.text.starts_with("sub thread end"))
            .count()
    };
    assert_eq!(printed(&basic), 5);
    assert_eq!(printed(&cut), 0);
    let never = cut
        .ghost_lines()
        .iter()
        .filter(|(_, l)| l.text.starts_with("sub thread end"))
        .count();
    assert_eq!(never, 5, "what basic prints is what the daemons never did");
}

// The dashboard.

fn finished(scenario: &str, daemon: Option<bool>, theme: Theme) -> App {
    let settings = RunSettings {
        scenario: scenario.into(),
        overrides: Overrides {
            daemon,
            ..Overrides::default()
        },
        speed: 200.0,
        seed: Some(42),
        cores: Some(2),
    };
    let mut app = App::new(settings, theme).unwrap().speaking(Lang::En);
    app.finish();
    app
}

fn draw(app: &mut App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(100, 32)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    t
}

#[test]
fn frames_draw_ghosts_past_the_cut_and_list_what_never_printed() {
    for (name, daemon, cut) in [
        ("daemon", None, 5),
        ("mixed", None, 3),
        ("basic", Some(true), 5),
    ] {
        let mut app = finished(name, daemon, Theme::new(false));
        let t = draw(&mut app);
        let s = t.backend().to_string();
        let snap = format!(
            "{name}{}",
            if daemon.is_some() { "-as-daemons" } else { "" }
        );
        insta::assert_snapshot!(snap, s);
        let rows: Vec<&str> = s.lines().filter(|l| l.contains('✂')).collect();
        assert_eq!(rows.len(), cut, "{name}: {s}");
        for row in rows {
            let after = row.split('✂').nth(1).unwrap();
            assert!(
                after.contains(look::GHOST),
                "{name}: a ghost after the cut: {row}"
            );
        }
        let never = s.matches("⋯ never printed: ").count();
        assert!(
            never >= cut.min(3),
            "{name}: the pane lists lines never printed"
        );
        // Fit includes the ghosts: the axis reaches past 3 s.
        assert!(s.contains("┬3s") || s.contains("┬3.0s"), "{name}: {s}");
    }
}

#[test]
fn ghosts_are_faint_in_colour_and_plain_glyphs_without() {
    use ratatui::style::Modifier;
    for colour in [true, false] {
        let mut app = finished("daemon", None, Theme::new(colour));
        let t = draw(&mut app);
        let buf = t.backend().buffer();
        // The chart's rows: main and the five daemons.
        let ghosts: Vec<_> = (3..8)
            .flat_map(|y| (0..100).map(move |x| (x, y)))
            .map(|(x, y)| &buf[(x, y)])
            .filter(|c| c.symbol() == look::GHOST.to_string())
            .collect();
        assert!(ghosts.len() > 100, "{colour}: {}", ghosts.len());
        assert!(ghosts.iter().all(|c| c.modifier.contains(Modifier::DIM)));
        let sleeping = look::state(State::Sleeping).color;
        if colour {
            assert!(ghosts.iter().any(|c| c.fg == sleeping), "the sleep it lost");
        } else {
            assert!(ghosts.iter().all(|c| c.fg == ratatui::style::Color::Reset));
        }
    }
}

#[test]
fn history_and_narration_say_what_was_lost() {
    let mut app = finished("daemon", None, Theme::new(false));
    // Select thread 0's row (main is the first).
    app.act(threadline::ui::keymap::Action::Down);
    let t = draw(&mut app);
    let buf = t.backend().buffer();
    let flat: String = (0..buf.area.height)
        .map(|y| {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            row.split('│').next_back().unwrap_or("").trim().to_string()
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains("never printed; the daemons lost"), "{flat}");
    assert!(flat.contains("would have slept until"), "{flat}");
    assert!(flat.contains("printed `sub thread end"), "{flat}");
}

// Plain mode and the exports, through the binary.

fn bin(args: &[&str]) -> String {
    common::stdout_of(
        Command::new(env!("CARGO_BIN_EXE_threadline"))
            .args(["--lang", "en"])
            .args(args),
    )
}

fn section(plain: &str) -> Option<Vec<&str>> {
    let mut lines = plain
        .lines()
        .skip_while(|l| *l != "Never printed (cut short):");
    lines.next()?;
    Some(lines.take_while(|l| l.starts_with("  ")).collect())
}

#[test]
fn plain_ends_with_the_lines_never_printed_and_only_when_some_were() {
    let s = bin(&["run", "daemon", "--plain", "--speed", "100", "--seed", "3"]);
    let lost = section(&s).expect("a section");
    let ends = lost
        .iter()
        .filter(|l| l.ends_with(|c: char| c.is_ascii_digit()))
        .count();
    assert_eq!(ends, lost.len());
    assert_eq!(
        lost.iter().filter(|l| l.contains("sub thread end")).count(),
        5,
        "{s}"
    );
    for l in &lost {
        assert!(
            l.starts_with("    ") || l.starts_with("   "),
            "indented: {l:?}"
        );
        assert!(l.contains(" s  thread "), "time and thread: {l:?}");
    }
    // The program's own output is what Python prints: no end line.
    let program: Vec<&str> = s.lines().take_while(|l| !l.is_empty()).collect();
    assert!(program.iter().all(|l| !l.starts_with("sub thread end")));
    let b = bin(&["run", "basic", "--plain", "--speed", "100", "--seed", "3"]);
    assert!(section(&b).is_none(), "{b}");
}

#[test]
fn svg_chrome_trace_and_recording_keep_the_ghosts() {
    let dir = common::fresh_scratch("ghosts");
    let p = |f: &str| dir.join(f).to_string_lossy().into_owned();
    let plain = bin(&[
        "run",
        "daemon",
        "--plain",
        "--speed",
        "100",
        "--seed",
        "5",
        "--svg",
        &p("d.svg"),
        "--export-trace",
        &p("d.json"),
        "--record",
        &p("d.jsonl"),
    ]);
    let svg = std::fs::read_to_string(dir.join("d.svg")).unwrap();
    assert_eq!(svg.matches(r#"<g class="ghost""#).count(), 5);
    assert!(svg.contains("would still have done (cut short)"), "legend");
    assert!(svg.contains("would have printed: sub thread end"));
    let trace: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("d.json")).unwrap()).unwrap();
    let ghosts: Vec<_> = trace["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["cat"] == "ghost")
        .collect();
    let sleeps = ghosts
        .iter()
        .filter(|e| e["name"] == "would have: sleeping")
        .count();
    assert_eq!(sleeps, 5);
    let never = ghosts
        .iter()
        .filter(|e| e["name"] == "never printed")
        .count();
    assert!(never >= 5);
    // A program's own slices are never in the ghost category.
    let states = trace["traceEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["cat"] == "state")
        .count();
    assert!(states > 0);
    // The replay has the same section.
    let replay = bin(&["replay", &p("d.jsonl"), "--plain"]);
    assert_eq!(section(&replay), section(&plain));
    let _ = std::fs::remove_dir_all(&dir);
}
