//! The guided tour (`threadline demo`), driven by a fake clock: the same
//! scenes, moments and captions in the same order on a fixed seed.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use threadline::event::{MAIN, Nanos, Outcome, State};
use threadline::model::Timeline;
use threadline::runtime::set_worker_exe;
use threadline::scenario::{self, Overrides};
use threadline::setup::RunSettings;
use threadline::ui::App;
use threadline::ui::keymap::Action;
use threadline::ui::session::Phase;
use threadline::ui::theme::Theme;
use threadline::ui::tour::{
    Cue, HOLD, INTRO, OUTRO, SCENES, Stage, Tour, moment_times, scene_times,
};

/// A stand-in for the program: runs to where the cues say, and ends at
/// `end`.
struct FakeProgram {
    now: Nanos,
    limit: Option<Nanos>,
    end: Nanos,
}

impl FakeProgram {
    fn obey(&mut self, cues: &[Cue]) {
        for c in cues {
            match c {
                Cue::Load { .. } => {
                    self.now = 0;
                    self.limit = Some(0);
                }
                Cue::RunUntil(t) => self.limit = Some(*t),
                Cue::Resume => self.limit = None,
            }
        }
    }
    fn advance(&mut self, dt: Nanos) {
        let to = self.now + dt;
        self.now = self.limit.map_or(to, |l| to.min(l)).min(self.end);
    }
}

/// Play a whole tour on the fake clock; every (scene, stage) it passes.
fn play(looping: bool, steps: usize) -> Vec<(usize, &'static str)> {
    let mut tour = Tour::new(looping);
    let mut prog = FakeProgram {
        now: 0,
        limit: None,
        end: 3_000_000_000,
    };
    let mut now = Duration::ZERO;
    prog.obey(&tour.go(0, now));
    tour.set_times(vec![1_000_000_000]);
    let mut seen = Vec::new();
    for _ in 0..steps {
        now += Duration::from_millis(500);
        prog.advance(500_000_000);
        let cues = tour.tick(now, prog.now, prog.now >= prog.end);
        if cues.iter().any(|c| matches!(c, Cue::Load { .. })) {
            tour.set_times(vec![1_000_000_000]);
        }
        prog.obey(&cues);
        let stage = match tour.stage {
            Stage::Intro { .. } => "intro",
            Stage::Playing => "playing",
            Stage::Holding { .. } => "holding",
            Stage::Outro { .. } => "outro",
            Stage::Done => "done",
        };
        if seen.last() != Some(&(tour.index, stage)) {
            seen.push((tour.index, stage));
        }
    }
    seen
}

#[test]
fn the_tour_plays_every_scene_in_order_then_stops_or_loops() {
    let seen = play(false, 400);
    let mut expected = Vec::new();
    for i in 0..SCENES.len() {
        expected.extend([
            (i, "intro"),
            (i, "playing"),
            (i, "holding"),
            (i, "playing"),
            (i, "outro"),
        ]);
    }
    expected.push((SCENES.len() - 1, "done"));
    assert_eq!(seen, expected);
    let looped = play(true, 400);
    assert!(looped.contains(&(0, "intro")), "back to the first scene");
    assert!(!looped.iter().any(|s| s.1 == "done"));
    // The same fake clock gives the same tour.
    assert_eq!(play(true, 400), looped);
}

#[test]
fn holds_and_captions_follow_the_clock() {
    let mut tour = Tour::new(false);
    let cues = tour.go(1, Duration::ZERO);
    assert_eq!(cues, vec![Cue::Load { index: 1 }]);
    tour.set_times(vec![500]);
    assert_eq!(tour.caption(0), SCENES[1].intro);
    assert_eq!(tour.deadline(), Some(INTRO));
    assert!(
        tour.tick(INTRO - Duration::from_millis(1), 0, false)
            .is_empty()
    );
    assert_eq!(tour.tick(INTRO, 0, false), vec![Cue::RunUntil(500)]);
    assert_eq!(tour.deadline(), None, "the program moves it on now");
    assert!(tour.tick(INTRO, 499, false).is_empty());
    tour.tick(INTRO, 500, false);
    assert_eq!(tour.caption(500), SCENES[1].moments[0].caption);
    assert_eq!(tour.deadline(), Some(INTRO + HOLD));
    assert_eq!(tour.tick(INTRO + HOLD, 500, false), vec![Cue::Resume]);
    tour.tick(INTRO + HOLD, 900, true);
    assert_eq!(tour.caption(900), SCENES[1].outro);
    let next = tour.tick(INTRO + HOLD + OUTRO, 900, true);
    assert_eq!(next, vec![Cue::Load { index: 2 }]);
}

#[test]
fn a_key_takes_control_and_n_p_a_move_between_scenes() {
    let mut tour = Tour::new(false);
    tour.go(0, Duration::ZERO);
    tour.take_control();
    assert!(!tour.autoplay);
    assert_eq!(tour.deadline(), None);
    assert!(tour.tick(Duration::from_secs(99), 0, true).is_empty());
    // Under the user's control a scene just runs.
    assert_eq!(
        tour.next_scene(Duration::ZERO),
        vec![Cue::Load { index: 1 }, Cue::Resume]
    );
    assert_eq!(
        tour.prev_scene(Duration::ZERO),
        vec![Cue::Load { index: 0 }, Cue::Resume]
    );
    assert_eq!(
        tour.prev_scene(Duration::ZERO)[0],
        Cue::Load {
            index: SCENES.len() - 1
        }
    );
    tour.set_times(vec![10, 20]);
    assert_eq!(tour.resume_autoplay(15), vec![Cue::RunUntil(20)]);
    assert!(tour.autoplay);
}

#[test]
fn every_scene_is_a_built_in_scenario_with_its_moments() {
    set_worker_exe(env!("CARGO_BIN_EXE_threadline"));
    for scene in SCENES {
        let program = Arc::new(
            scenario::builtin(scene.scenario, Overrides::default())
                .unwrap()
                .unwrap(),
        );
        let (intro, a) = scene_times(&program, scene, 1, 8);
        assert_eq!(
            a.len(),
            scene.moments.len(),
            "{} finds its moments",
            scene.scenario
        );
        assert_eq!(
            a,
            moment_times(&program, scene, 1, 8),
            "{} repeats",
            scene.scenario
        );
        // The introduction shows the run once it has started its threads,
        // before anything the scene is about happens.
        assert!(
            intro > 0 && intro < a[0],
            "{}: {intro} < {a:?}",
            scene.scenario
        );
    }
}

#[test]
fn the_daemon_scene_holds_just_before_the_daemons_are_cut() {
    let scene = SCENES.iter().find(|s| s.scenario == "daemon").unwrap();
    let program = Arc::new(
        scenario::builtin("daemon", Overrides::default())
            .unwrap()
            .unwrap(),
    );
    let t = moment_times(&program, scene, 1, 8)[0];
    let (_, tl): (_, Timeline) = common::run((*program).clone(), 1);
    let (exit, _) = tl.process_exit.unwrap();
    assert!(t < exit);
    for d in tl.tracks().iter().filter(|t| t.daemon()) {
        // Asleep, or (the first) still working through its warning.
        let s = d.state_at(t);
        assert!(
            matches!(s, Some(State::Sleeping | State::BlockedIo)),
            "{} still alive: {s:?}",
            d.name
        );
        assert_eq!(d.outcome(), Some(Outcome::CutShort));
    }
    // No non-daemon thread to wait for: main is finalizing, on its way out.
    assert!(tl.main_code_end.is_some_and(|e| e < t));
    assert_eq!(tl.track(MAIN).unwrap().state_at(t), Some(State::Running));
}

mod common;

/// Wait (on the run's events, not on a timer) until `done` holds.
fn settle(app: &mut App, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done(app) {
        assert!(Instant::now() < deadline, "the run gets there");
        if let Ok(e) = app.session.events().recv_timeout(Duration::from_millis(5)) {
            app.session.on_events(e);
        }
        app.drain();
    }
}

fn screen(app: &mut App) -> String {
    let mut t = Terminal::new(TestBackend::new(110, 34)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    let buf = t.backend().buffer().clone();
    buf.content.iter().map(|c| c.symbol()).collect()
}

#[test]
fn the_dashboard_tour_steps_to_the_moment_holds_and_moves_on() {
    let start = Instant::now();
    let args = RunSettings {
        speed: 20.0,
        seed: Some(1),
        ..RunSettings::default()
    };
    let mut app = App::for_tour(args, false, Theme::new(false), start).unwrap();
    assert_eq!(app.session.program.name, "basic");
    // The introduction first: the run stops once its threads started.
    let intro = app.guide.as_ref().unwrap().tour.intro;
    settle(&mut app, |a| a.phase() == Phase::Paused && a.now() >= intro);
    assert!(app.session.timeline.main_code_end.is_none());
    assert!(screen(&mut app).contains("Scene 1 · basic"));
    // The introduction is over: the run goes to its key moment and stops.
    app.tour_tick(start + INTRO);
    let Stage::Playing = app.guide.as_ref().unwrap().tour.stage else {
        panic!("playing")
    };
    let main_end = |a: &App| a.session.timeline.main_code_end;
    settle(&mut app, |a| {
        main_end(a).is_some_and(|t| a.now() >= t + 300_000_000) && a.phase() == Phase::Paused
    });
    app.tour_tick(start + INTRO);
    assert!(matches!(
        app.guide.as_ref().unwrap().tour.stage,
        Stage::Holding { .. }
    ));
    assert!(screen(&mut app).contains("main's code has ended (╎)"));
    assert!(
        app.session.timeline.process_exit.is_none(),
        "held before the end"
    );
    // The hold is over: on to the end, the outcome, the next scene.
    app.tour_tick(start + INTRO + HOLD);
    settle(&mut app, |a| a.phase() == Phase::Finished);
    app.tour_tick(start + INTRO + HOLD);
    assert!(matches!(
        app.guide.as_ref().unwrap().tour.stage,
        Stage::Outro { .. }
    ));
    app.tour_tick(start + INTRO + HOLD + OUTRO);
    assert_eq!(app.session.program.name, "daemon");
    assert_eq!(app.session.seed, 1, "every scene on the tour's seed");
    // A key that changes the program takes control; `a` hands it back.
    app.act(Action::Pause);
    assert!(!app.guide.as_ref().unwrap().tour.autoplay);
    assert!(screen(&mut app).contains("you drive"));
    app.act(Action::NextScene);
    assert_eq!(app.session.program.name, "join");
    app.act(Action::Autoplay);
    assert!(app.guide.as_ref().unwrap().tour.autoplay);
}

#[test]
fn the_tour_speaks_korean() {
    let args = RunSettings {
        speed: 20.0,
        seed: Some(1),
        ..RunSettings::default()
    };
    let mut app = App::for_tour(args, false, Theme::new(false), Instant::now())
        .unwrap()
        .speaking(threadline::i18n::Lang::Ko);
    // A Hangul syllable covers two cells: compare without the spaces.
    let s = screen(&mut app).replace(' ', "");
    assert!(s.contains("장면1·basic"), "{s}");
    assert!(s.contains("자동진행중"), "{s}");
    assert!(s.contains("원글의첫번째프로그램"), "{s}");
}
