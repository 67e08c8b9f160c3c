//! A failed thread says what it raised (type, message, file:line): in its
//! history, in the narration and in the plain summary, for a scenario (a
//! `start()` the OS refuses raises `RuntimeError: can't start new thread`)
//! and for a traced program. The frames come from real runs recorded in
//! `tests/recordings/` (see its README), so they are the same everywhere.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use threadline::event::{EventKind, Outcome};
use threadline::export::record::{self, Recording};
use threadline::i18n::Lang;
use threadline::model::Timeline;
use threadline::ui::App;
use threadline::ui::narrate;
use threadline::ui::theme::Theme;

fn recordings() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/recordings")
}

fn recording(name: &str) -> Recording {
    record::read(&recordings().join(name)).expect("a recording")
}

/// The recording replayed to its end, `thread` selected.
fn replayed(name: &str, thread: &str, lang: Lang) -> App {
    let rec = recording(name);
    let mut app = App::for_replay(rec, 100.0, Theme::new(false)).speaking(lang);
    app.finish();
    select(&mut app, thread);
    app
}

/// Select `thread`'s row (it must be there).
fn select(app: &mut App, thread: &str) {
    let row = app
        .session
        .timeline
        .tracks()
        .iter()
        .position(|t| t.name == thread)
        .unwrap_or_else(|| panic!("{thread} is there"));
    app.view.selected = row;
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    t.backend().to_string()
}

/// The screen's rows as text, cell by cell (a wide character once).
fn rows(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The right-hand pane (narration, then the selected thread's history)
/// as one text: its lines joined, runs of spaces as one, so that words a
/// line wrapped read whole.
fn right_pane(s: &str) -> String {
    let text: Vec<&str> = s
        .lines()
        .filter_map(|l| l.rsplit_once('│').map(|(_, r)| r.trim_end_matches('"')))
        .collect();
    text.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The same without any space (Korean wraps where English would not).
fn unspaced(s: &str) -> String {
    s.replace(' ', "")
}

fn replay_plain(name: &str, lang: &str) -> String {
    common::stdout_of(
        Command::new(env!("CARGO_BIN_EXE_threadline"))
            .args(["--lang", lang, "replay", "--plain"])
            .arg(recordings().join(name)),
    )
}

const CANNOT: &str = "RuntimeError: can't start new thread (cannot-start.toml:13)";

#[test]
fn a_start_the_os_refuses_is_in_the_starters_history_and_the_narration() {
    let mut app = replayed("cannot-start.jsonl", "starter", Lang::En);
    let s = screen(&mut app, 120, 32);
    insta::assert_snapshot!(s);
    // The row, the history's end, the narration: the type, the message and
    // the scenario's line of the spawn whose start() was refused.
    // (The GIL lane's marks end the name column: `0` is the starter's.)
    assert!(s.contains("starter  0   failed"), "{s}");
    assert_raised(&right_pane(&s), "starter", CANNOT);
    // The thread it could not start never ran.
    assert!(s.contains("helper 2 3   not started"), "{s}");
}

/// The pane shows `thread`'s exception in its history and the narration.
fn assert_raised(pane: &str, thread: &str, raised: &str) {
    assert!(
        pane.contains(&format!("failed raised {raised}")),
        "history: {pane}"
    );
    assert!(
        pane.contains(&format!("{thread} raised {raised}.")),
        "narration: {pane}"
    );
}

/// boomer's, in the trace of fails_in_thread.py.
fn assert_boomer_raised(pane: &str) {
    assert_raised(
        pane,
        "boomer",
        "ValueError: boom in a thread (fails_in_thread.py:5)",
    );
}

#[test]
fn a_traced_exception_is_in_the_threads_history_and_the_narration() {
    let mut app = replayed("fails_in_thread.jsonl", "boomer", Lang::En);
    let pane = right_pane(&screen(&mut app, 120, 32));
    assert_boomer_raised(&pane);
}

#[test]
fn the_failure_is_said_in_korean_too() {
    let mut app = replayed("cannot-start.jsonl", "starter", Lang::Ko);
    let s = unspaced(&right_pane(&rows(&mut app, 120, 32)));
    assert!(
        s.contains(&unspaced(&format!("실패 발생한 예외: {CANNOT}"))),
        "history: {s}"
    );
    assert!(
        s.contains(&unspaced(&format!(
            "starter에서 예외가 발생했습니다: {CANNOT}"
        ))),
        "narration: {s}"
    );
}

#[test]
fn the_narration_says_it_as_soon_as_the_thread_failed() {
    // The run up to the moment the starter failed, before the exit.
    let rec = recording("cannot-start.jsonl");
    let failed = rec
        .events
        .iter()
        .position(|e| {
            matches!(
                e.kind,
                EventKind::Ended {
                    outcome: Outcome::Failed,
                    ..
                }
            )
        })
        .expect("the starter fails");
    let tl = Timeline::from_events(&rec.events[..=failed]);
    assert!(tl.process_exit.is_none(), "before the exit");
    let words = &rec.header.words;
    let said = narrate::present(&tl, words, true, Lang::En);
    assert!(
        said.contains(&format!("starter raised {CANNOT}.")),
        "{said:#?}"
    );
}

#[test]
fn the_plain_summary_says_what_each_failed_thread_raised() {
    // The recording, the language, the thread, how its summary row ends.
    let rows = [
        (
            "cannot-start.jsonl",
            "en",
            "starter",
            format!("failed ({CANNOT})"),
        ),
        (
            "cannot-start.jsonl",
            "ko",
            "starter",
            format!("실패 ({CANNOT})"),
        ),
        (
            "fails_in_thread.jsonl",
            "en",
            "boomer",
            "failed (ValueError: boom in a thread (fails_in_thread.py:5))".to_string(),
        ),
    ];
    for (recording, lang, thread, ends) in rows {
        let s = replay_plain(recording, lang);
        let row = s
            .lines()
            .find(|l| l.starts_with(&format!("{thread} ")))
            .expect("a row");
        assert!(row.ends_with(&ends), "{s}");
    }
}

#[test]
#[cfg_attr(
    not(thread_limit),
    ignore = "needs root, setpriv and prlimit to limit a user's threads"
)]
fn the_recorded_failure_is_what_a_run_under_a_thread_limit_does_today() {
    let dir = common::scratch("failures");
    let file = dir.join("cannot-start.toml");
    std::fs::copy(recordings().join("cannot-start.toml"), &file).unwrap();
    let rec = dir.join("again.jsonl");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = common::threadline_as_nobody(5)
        .args(["run", "cannot-start.toml", "--plain"])
        .args(["--seed", "1", "--speed", "10", "--record", "again.jsonl"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    common::assert_contains(
        &err,
        &[
            "Exception in thread starter:",
            "RuntimeError: can't start new thread",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "a thread's exception is not main's"
    );
    let again = replay_plain(rec.to_str().unwrap(), "en");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(again, replay_plain("cannot-start.jsonl", "en"));
}

#[test]
#[cfg_attr(not(python), ignore = "needs python3")]
fn a_live_trace_shows_what_its_thread_raised() {
    let opts = common::dashboard_trace("tests/python/fails_in_thread.py", &[]);
    let mut app = App::for_trace(opts, Theme::new(false)).unwrap();
    app.finish();
    select(&mut app, "boomer");
    let pane = right_pane(&screen(&mut app, 120, 32));
    assert_boomer_raised(&pane);
}

#[test]
fn every_step_knows_the_line_of_the_scenario_it_was_written_on() {
    use threadline::scenario::{Step, builtin};
    let p = builtin("join", Default::default()).unwrap().unwrap();
    let main = &p.threads[0];
    let line_of = |want: fn(&Step) -> bool| {
        let i = main.steps.iter().position(want).expect("the step");
        p.site(0, i)
    };
    // assets/scenarios/join.toml: the spawns on lines 8 and 9, the joins on 10 and 11.
    assert_eq!(
        line_of(|s| matches!(s, Step::Start(1))),
        Some("join.toml:8".into())
    );
    assert_eq!(
        line_of(|s| matches!(s, Step::Join(2))),
        Some("join.toml:11".into())
    );
    let worker = &p.threads[1];
    assert_eq!(worker.lines.len(), worker.steps.len(), "one line per step");
    assert_eq!(
        p.site(1, worker.steps.len() - 1),
        Some("join.toml:23".into())
    );
}
