//! The guided tour on top of the dashboard: the tour's state machine
//! (`tour.rs`) says what to do; this carries its cues out on the session.

use std::time::{Duration, Instant};

use super::app::App;
use super::keymap::Action;
use super::session::Phase;
use super::theme::Theme;
use super::tour::{self, Cue, Stage, Tour};
use crate::runtime::{MAX_SPEED, MIN_SPEED};
use crate::scenario::ScenarioError;
use crate::setup::RunSettings;

/// The tour, when it began (wall time) and its speed factor.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    pub tour: Tour,
    pub start: Instant,
    pub speed: f64,
}

impl App {
    /// The guided tour (`threadline demo`), begun at wall time `start`:
    /// `settings` give the seed (fixed), the speed factor and the overrides.
    pub fn for_tour(
        mut settings: RunSettings,
        looping: bool,
        theme: Theme,
        start: Instant,
    ) -> Result<App, ScenarioError> {
        let speed = settings.speed;
        settings.seed = Some(settings.seed.unwrap_or(1));
        settings.scenario = tour::SCENES[0].scenario.to_string();
        let mut app = Self::with_options(settings, theme, true)?;
        let mut tour = Tour::new(looping);
        let cues = tour.go(0, Duration::ZERO);
        app.guide = Some(Guide { tour, start, speed });
        app.cues(cues);
        Ok(app)
    }

    /// The tour moves on as time passes (`now`: wall time); true if it did.
    pub fn tour_tick(&mut self, now: Instant) -> bool {
        let program = self.now();
        let finished = self.phase() == Phase::Finished;
        let Some(g) = &mut self.guide else {
            return false;
        };
        let before = g.tour.clone();
        let at = now.saturating_duration_since(g.start);
        let cues = g.tour.tick(at, program, finished);
        let moved = g.tour != before;
        self.cues(cues);
        moved
    }

    /// When the tour needs a tick by itself next (wall time).
    pub fn tour_deadline(&self) -> Option<Instant> {
        let g = self.guide.as_ref()?;
        Some(g.start + g.tour.deadline()?)
    }

    /// The tour waits for the program to reach a moment or its end: the
    /// loop must keep looking while the clock runs up to it.
    pub fn tour_watches(&self) -> bool {
        self.guide
            .as_ref()
            .is_some_and(|g| g.tour.autoplay && g.tour.stage == Stage::Playing)
    }

    /// `n`, `p`, `a`.
    pub(super) fn tour_key(&mut self, action: Action) {
        let program = self.now();
        let Some(g) = &mut self.guide else { return };
        let at = Instant::now().saturating_duration_since(g.start);
        let cues = match action {
            Action::NextScene => g.tour.next_scene(at),
            Action::PrevScene => g.tour.prev_scene(at),
            _ => g.tour.resume_autoplay(program),
        };
        self.cues(cues);
    }

    fn cues(&mut self, cues: Vec<Cue>) {
        for cue in cues {
            match cue {
                Cue::Load { index } => self.load_scene(index),
                Cue::RunUntil(t) => self.session.run_until(t),
                Cue::Resume => self.session.resume(),
            }
        }
    }

    /// Load scene `index`: its scenario at its speed with the tour's seed,
    /// frozen while the tour plays by itself (its introduction shows the
    /// threads it starts); and its moments.
    fn load_scene(&mut self, index: usize) {
        let Some(g) = &self.guide else { return };
        let scene = tour::SCENES[index];
        let (autoplay, factor) = (g.tour.autoplay, g.speed);
        let (names, _) = self.session.scenarios();
        let Some(i) = names.iter().position(|s| s == scene.scenario) else {
            return;
        };
        self.session.speed = (scene.speed * factor).clamp(MIN_SPEED, MAX_SPEED);
        self.session.start_paused = autoplay;
        self.switch(i);
        // Fit the whole run: the moments are known, so is the end.
        let s = &self.session;
        let (intro, times) = tour::scene_times(&s.program, &scene, s.seed, s.cores);
        if let Some(g) = &mut self.guide {
            g.tour.set_times(times);
            let cues = g.tour.set_intro(intro);
            self.cues(cues);
        }
    }
}
