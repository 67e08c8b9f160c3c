//! The words, said once and said right, in both languages: Korean history
//! lines (`0.000초 동안 실행 중`), one name for main, the plain summary's
//! unit, `5ms마다` whole, `list` counting one way, a natural ratio; English
//! singular and plural, a fifth name said in full; the tour's footer and
//! its introduction. Runs on fixed seeds and speeds.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use threadline::event::MAIN;
use threadline::i18n::Lang;
use threadline::setup::RunSettings;
use threadline::ui::narrate;
use threadline::ui::session::Phase;
use threadline::ui::theme::Theme;
use threadline::ui::tour::Stage;
use threadline::ui::{App, keymap::Action};

const KO: &str = include_str!("../assets/i18n/ko.ftl");

fn spec(name: &str) -> String {
    if name.ends_with(".toml") {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
        dir.join(name).display().to_string()
    } else {
        name.to_string()
    }
}

fn finished(scenario: &str, lang: Lang) -> App {
    common::finished_app(spec(scenario), 1, lang)
}

/// What the narration says about the end of a run of `scenario`.
fn said(scenario: &str, lang: Lang) -> Vec<String> {
    let app = finished(scenario, lang);
    let tl = &app.session.timeline;
    let p = &app.session.program;
    narrate::present(tl, &p.words, tl.has_gil(p.gil), lang)
}

/// Some line of `lines` is as `what` says (else all are shown).
fn assert_some(lines: &[String], what: impl Fn(&str) -> bool) {
    assert!(lines.iter().any(|l| what(l)), "{lines:#?}");
}

/// The screen's rows as text: a wide character once (not followed by the
/// blank cell it covers).
fn rows(app: &mut App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < w {
                let s = buf[(x, y)].symbol();
                row.push_str(s);
                x += u16::try_from(threadline::text::width(s).max(1)).unwrap_or(1);
            }
            row
        })
        .collect()
}

fn threadline(args: &[&str]) -> String {
    common::stdout_of(Command::new(env!("CARGO_BIN_EXE_threadline")).args(args))
}

fn plain(scenario: &str, lang: &str) -> String {
    let s = spec(scenario);
    threadline(&[
        "--lang", lang, "run", &s, "--plain", "--speed", "100", "--seed", "1", "--cores", "2",
    ])
}

/// `s` has `0.000` at byte `i` (three decimals).
fn seconds_at(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    b.len() >= i + 5
        && b[i].is_ascii_digit()
        && b[i + 1] == b'.'
        && b[i + 2..i + 5].iter().all(u8::is_ascii_digit)
}

#[test]
fn a_korean_history_line_says_how_long_then_what() {
    let app = finished("basic", Lang::Ko);
    let tl = &app.session.timeline;
    let lines = narrate::history(tl, MAIN, app.now(), (50, 0), app.session.code(), Lang::Ko);
    // Each span's site (` @ basic.py:21`, its twin's line) comes after.
    let spans: Vec<&str> = lines
        .iter()
        .filter(|l| l.contains("초 동안"))
        .map(|l| l.split_once(" @ ").map_or(l.as_str(), |(what, _)| what))
        .collect();
    assert!(
        lines.iter().any(|l| l.contains(" @ basic.py:")),
        "{lines:#?}"
    );
    assert!(spans.len() > 2, "{lines:#?}");
    for l in &spans {
        // `0.001초  0.000초 동안 실행 중`: when, for how long, then what.
        let (at, rest) = l.trim_start().split_once("초  ").expect("a time first");
        assert!(seconds_at(at, 0), "{l}");
        assert!(seconds_at(rest, 0), "{l}");
        assert!(!l.ends_with("동안"), "the state comes last: {l}");
    }
    assert!(
        spans.iter().any(|l| l.ends_with("초 동안 실행 중")),
        "{spans:#?}"
    );
}

#[test]
fn korean_calls_main_main_everywhere() {
    assert!(!KO.contains("메인"), "one name for main: `main`");
    let mut app = finished("basic", Lang::Ko);
    let screen = rows(&mut app, 100, 30).join("\n");
    assert!(screen.replace(' ', "").contains("↑main코드끝"), "{screen}");
    assert!(threadline(&["--lang", "ko", "list"]).contains("main이 작업 스레드 5개를"));
}

#[test]
fn the_korean_plain_summary_says_seconds_as_its_sentences_do() {
    let s = plain("basic", "ko");
    let table: Vec<&str> = s
        .lines()
        .skip_while(|l| !l.starts_with("스레드"))
        .skip(1)
        .take_while(|l| l.starts_with("main") || l.starts_with("thread"))
        .collect();
    assert_eq!(table.len(), 6, "{s}");
    for row in table {
        assert_eq!(row.matches("초").count(), 2, "start and end in 초: {row}");
        assert!(!row.contains(" s "), "{row}");
    }
    assert!(
        s.contains("프로세스가 3.") && s.contains("초에 종료됨"),
        "{s}"
    );
    // English keeps its `s`.
    let en = plain("basic", "en");
    assert!(
        en.lines()
            .any(|l| l.starts_with("main ") && l.matches(" s").count() == 2)
    );
}

#[test]
fn five_ms_is_never_split_from_its_unit() {
    for line in KO.lines() {
        let spaced = line
            .match_indices(" ms")
            .any(|(i, _)| line[..i].ends_with(|c: char| c.is_ascii_digit()));
        assert!(!spaced, "a number and its unit split by a space: {line}");
    }
    let mut app = finished("gil-cpu", Lang::Ko);
    for w in [80, 100, 120, 160] {
        let screen = rows(&mut app, w, 40);
        let text = screen.join("\n").replace(' ', "");
        assert!(text.contains("5ms마다"), "{w}: {}", screen.join("\n"));
    }
}

#[test]
fn korean_list_counts_one_way() {
    let list = threadline(&["--lang", "ko", "list"]);
    // (`각자 하나를 쥐고`, "each holds one", counts nothing.)
    for word in ["다섯", "한 개", "두 개", "세 개", "네 개", "다섯 개"] {
        assert!(!list.contains(word), "`{word}` counted in words:\n{list}");
    }
    for count in [
        "작업 스레드 5개",
        "스레드 4개",
        "카운터 3개",
        "작업 프로세스 4개",
        "철학자 스레드 5개",
    ] {
        assert!(list.contains(count), "{count} in\n{list}");
    }
}

#[test]
fn the_korean_ratio_reads_naturally() {
    let s = plain("gil-cpu", "ko");
    assert!(!s.contains("하나 시간의"), "{s}");
    let line = s
        .lines()
        .find(|l| l.contains("CPU 바운드 스레드 4개는") && !l.starts_with("참고"))
        .expect("the share is said");
    let (_, rest) = line
        .split_once("스레드 하나일 때의 ")
        .expect("one thread's time");
    let (ratio, rest) = rest
        .split_once("배 시간이 걸렸습니다")
        .expect("times as long");
    assert!(ratio.parse::<f64>().is_ok_and(|r| r > 2.0), "{line}");
    assert!(rest.starts_with(" ("), "{line}");
}

#[test]
fn one_cut_daemon_has_one_end_line_and_many_have_theirs() {
    let one = said("one-daemon.toml", Lang::En);
    assert_some(&one, |l| {
        l == "1 daemon thread (sleeper) was cut short at that instant, \
            so its end line never prints."
    });
    let five = said("daemon", Lang::En);
    assert_some(&five, |l| l.ends_with("so their end lines never print."));
    let ko = said("one-daemon.toml", Lang::Ko);
    assert_some(&ko, |l| l.starts_with("데몬 스레드 1개(sleeper)가"));
}

#[test]
fn a_fifth_name_is_said_rather_than_counted() {
    let five = said("daemon", Lang::En);
    let cut = five.iter().find(|l| l.contains("cut short")).expect("said");
    assert!(
        cut.contains("(thread 0, thread 1, thread 2, thread 3, thread 4)"),
        "{cut}"
    );
    assert!(!cut.contains("and 1 more"), "{cut}");
    // Six: four names and how many more.
    let six = said("six-daemons.toml", Lang::En);
    let cut = six.iter().find(|l| l.contains("cut short")).expect("said");
    assert!(
        cut.contains("(thread 0, thread 1, thread 2, thread 3 and 2 more)"),
        "{cut}"
    );
    let ko = said("daemon", Lang::Ko);
    assert_some(&ko, |l| {
        l.contains("(thread 0, thread 1, thread 2, thread 3, thread 4)")
    });
}

fn tour(lang: Lang) -> (App, Instant) {
    let start = Instant::now();
    let args = RunSettings {
        speed: 20.0,
        seed: Some(1),
        ..RunSettings::default()
    };
    let app = App::for_tour(args, false, Theme::new(false), start)
        .unwrap()
        .speaking(lang);
    (app, start)
}

/// Until the introduction's run has stopped where it shows it, and its
/// events are all in the model.
fn settle_intro(app: &mut App) {
    let intro = app.guide.as_ref().unwrap().tour.intro;
    assert!(intro > 0, "the introduction shows the run after its start");
    settle_until(app, |a| a.phase() == Phase::Paused && a.now() >= intro);
}

/// [`tour`], its introduction settled.
fn introduced_tour(lang: Lang) -> (App, Instant) {
    let (mut app, start) = tour(lang);
    settle_intro(&mut app);
    (app, start)
}

/// The header's red word for a pause.
fn paused(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "PAUSED",
        Lang::Ko => "일시 정지",
    }
}

/// The header says `word`, and no red pause.
fn assert_says_unpaused(header: &str, word: &str, lang: Lang) {
    assert!(
        header.contains(word) && !header.contains(paused(lang)),
        "{header}"
    );
}

/// Until `stopped` holds with all the run's events in the model (none for
/// 200 ms).
fn settle_until(app: &mut App, stopped: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut quiet = Instant::now();
    loop {
        assert!(Instant::now() < deadline, "the run stops");
        let done = stopped(app);
        if let Ok(e) = app.session.events().recv_timeout(Duration::from_millis(5)) {
            app.session.on_events(e);
            quiet = Instant::now();
        }
        app.drain();
        if done && quiet.elapsed() > Duration::from_millis(200) {
            return;
        }
    }
}

#[test]
fn the_tour_footer_says_n_slash_p() {
    for (lang, words) in [(Lang::En, "n/p scene"), (Lang::Ko, "n/p 장면")] {
        let (mut app, _) = tour(lang);
        let screen = rows(&mut app, 100, 30);
        let footer = screen.last().unwrap();
        assert!(footer.starts_with(&format!(" {words}")), "{footer}");
    }
}

#[test]
fn a_scenes_introduction_shows_its_threads_and_no_red_paused() {
    for (lang, word) in [(Lang::En, "introduction"), (Lang::Ko, "소개")] {
        let (mut app, start) = introduced_tour(lang);
        let stage = app.guide.as_ref().unwrap().tour.stage;
        assert!(matches!(stage, Stage::Intro { .. }), "{stage:?}");
        let screen = rows(&mut app, 100, 30);
        assert_says_unpaused(&screen[0], word, lang);
        // The chart has the five workers basic starts, not an empty frame.
        let workers = screen.iter().filter(|r| r.starts_with("thread ")).count();
        let more = screen.iter().any(|r| r.contains("↓"));
        assert!(
            workers >= 2 && (workers == 5 || more),
            "{}",
            screen.join("\n")
        );
        assert!(
            app.session.timeline.main_code_end.is_none(),
            "nothing given away"
        );
        // Its time is up: the scene plays, and the header says so.
        app.tour_tick(start + threadline::ui::tour::INTRO);
        assert!(!rows(&mut app, 100, 30)[0].contains(word));
        // A key hands control to the user: no introduction word then either.
        app.act(Action::Pause);
        assert!(!rows(&mut app, 100, 30)[0].contains(word));
    }
}

#[test]
fn a_moments_hold_says_it_holds_for_the_caption_not_a_red_paused() {
    use threadline::ui::tour::INTRO;
    for (lang, word) in [
        (Lang::En, "holding for the caption"),
        (Lang::Ko, "설명을 읽는 시간"),
    ] {
        let (mut app, start) = introduced_tour(lang);
        app.tour_tick(start + INTRO);
        // The scene plays to its moment, where the tour freezes it.
        settle_until(&mut app, |a| a.phase() == Phase::Paused);
        app.tour_tick(start + INTRO);
        let stage = app.guide.as_ref().unwrap().tour.stage;
        assert!(matches!(stage, Stage::Holding { .. }), "{stage:?}");
        assert_says_unpaused(&rows(&mut app, 100, 30)[0], word, lang);
        // The user's own pause is a pause, said so.
        app.act(Action::Pause);
        let header = rows(&mut app, 100, 30).remove(0);
        assert!(!header.contains(word), "{header}");
        if app.phase() != Phase::Paused {
            app.act(Action::Pause);
        }
        assert_eq!(app.phase(), Phase::Paused);
        let header = rows(&mut app, 100, 30).remove(0);
        assert!(header.contains(paused(lang)), "{header}");
    }
}
