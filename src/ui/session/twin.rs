//! The split view (`v`, `threadline compare`): a second run below the one
//! on top, on the same program clock, restarted with it. It is either the
//! top's scenario with the variant most recently toggled the other way
//! (`d`, `g`, the interpreter), or a scenario of its own (`compare A B`).

use std::sync::Arc;

use super::Session;
use crate::event::Nanos;
use crate::model::Timeline;
use crate::runtime::{Run, RunOptions};
use crate::scenario::{Program, Python, ScenarioError};
use crate::setup::RunSettings;

/// A variant of a scenario, as a key toggles it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flip {
    /// Every worker a daemon, or none (`d`).
    Daemon,
    /// The GIL on or off (`g`).
    Gil,
    /// Another interpreter (`--python`).
    Python(Python),
}

/// What the lower pane runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Lower {
    /// The top's scenario with this the other way round.
    Flip(Flip),
    /// A scenario of its own (side B of `threadline compare`).
    Fixed(RunSettings),
}

impl Flip {
    /// The run of `top` (which runs `program`) with this the other way.
    pub fn apply(self, top: &RunSettings, program: &Program) -> RunSettings {
        let mut s = top.clone();
        match self {
            Flip::Daemon => s.overrides.daemon = Some(program.daemon_mode() != Some(true)),
            Flip::Gil => {
                s.overrides.python = None;
                s.overrides.gil = Some(!program.gil);
            }
            Flip::Python(p) => {
                s.overrides.gil = None;
                s.overrides.python = Some(p);
            }
        }
        s
    }
}

/// The lower pane's run.
pub struct Twin {
    pub lower: Lower,
    pub settings: RunSettings,
    pub program: Arc<Program>,
    pub timeline: Timeline,
    run: Option<Run>,
}

impl Twin {
    /// The run's program clock now, if it runs.
    pub(super) fn run(&self) -> Option<&Run> {
        self.run.as_ref()
    }
}

impl Session {
    /// Two scenarios in lockstep, `a` on top and `b` below (`threadline
    /// compare`): one clock, the same seed.
    pub fn compare(a: RunSettings, b: RunSettings, paused: bool) -> Result<Session, ScenarioError> {
        let mut s = Session::scenario(a, true)?;
        let lower = Lower::Fixed(b);
        s.twin = Some(s.make_twin(lower.clone())?);
        s.lower = Some(lower);
        s.start_paused = paused;
        s.start();
        Ok(s)
    }

    /// Program time shown in one pane: its own exit once it is over.
    pub fn now_of(&self, side: usize) -> Nanos {
        match self.twin.as_ref().filter(|_| side == 1) {
            Some(t) if t.timeline.is_complete() => t.timeline.horizon(0),
            Some(t) => self.now().max(t.timeline.latest),
            None if self.timeline.is_complete() => self.timeline.horizon(0),
            None => self.now(),
        }
    }

    /// Every run on screen is over.
    pub(super) fn is_complete(&self) -> bool {
        self.timeline.is_complete() && self.twin.as_ref().is_none_or(|t| t.timeline.is_complete())
    }

    /// The model of `side`'s run (the top's when there is no split).
    pub fn timeline_of(&self, side: usize) -> &Timeline {
        match self.twin.as_ref().filter(|_| side == 1) {
            Some(t) => &t.timeline,
            None => &self.timeline,
        }
    }

    /// The program of `side`'s run.
    pub fn program_of(&self, side: usize) -> &Arc<Program> {
        match self.twin.as_ref().filter(|_| side == 1) {
            Some(t) => &t.program,
            None => &self.program,
        }
    }

    /// The lower pane, when the view is split.
    pub fn twin(&self) -> Option<&Twin> {
        self.twin.as_ref()
    }

    pub fn is_split(&self) -> bool {
        self.twin.is_some()
    }

    /// A fixed second side (`threadline compare`), shown or not.
    pub fn compares(&self) -> bool {
        matches!(self.lower, Some(Lower::Fixed(_)))
    }

    /// What `v` shows below: the fixed side B, else the variant most
    /// recently toggled; before any toggle the interpreter when the run
    /// models another than the default, else the daemon flag.
    fn lower_choice(&self) -> Lower {
        if let Some(l) = &self.lower {
            return l.clone();
        }
        let flip = self
            .last_flip
            .unwrap_or(if self.program.python != Python::DEFAULT {
                Flip::Python(Python::DEFAULT)
            } else {
                Flip::Daemon
            });
        Lower::Flip(flip)
    }

    /// The cores `side`'s run has without the GIL.
    pub fn cores_of(&self, side: usize) -> usize {
        match self.twin.as_ref().filter(|_| side == 1) {
            Some(t) => t.settings.cores.unwrap_or(self.cores),
            None => self.cores,
        }
    }

    /// Which of the scenarios Tab and 1–9 switch between `side` runs
    /// (None: a file of side B's, not in the list).
    pub fn scenario_index(&self, side: usize) -> Option<usize> {
        let (names, current) = self.scenarios();
        match self.twin.as_ref().filter(|_| self.lower_side(side)) {
            Some(t) => names.iter().position(|n| *n == t.settings.scenario),
            None => Some(current),
        }
    }

    /// `v`: split the view (both runs restart together, in lockstep) or
    /// go back to one run (the lower one stopped and joined).
    pub fn toggle_split(&mut self) {
        if self.twin.take().is_some() {
            return;
        }
        let lower = self.lower_choice();
        match self.make_twin(lower) {
            Ok(t) => {
                self.twin = Some(t);
                self.restart();
            }
            Err(e) => self.message = Some(e.msg()),
        }
    }

    /// The lower pane for `lower`, against the top as it is now.
    pub(super) fn make_twin(&self, lower: Lower) -> Result<Twin, ScenarioError> {
        let settings = match (&lower, self.settings()) {
            (Lower::Fixed(s), _) => s.clone(),
            (Lower::Flip(f), Some(top)) => f.apply(top, &self.program),
            (Lower::Flip(_), None) => RunSettings::default(),
        };
        let program = Arc::new(settings.load()?);
        Ok(Twin {
            lower,
            settings,
            program,
            timeline: Timeline::new(),
            run: None,
        })
    }

    /// After the top changed: the lower pane follows it (a flip, again
    /// against the new top; `toggled`, the variant just toggled, becomes
    /// the flip shown).
    pub(super) fn retwin(&mut self, toggled: Option<Flip>) {
        if let Some(f) = toggled {
            self.last_flip = Some(f);
        }
        let Some(old) = self.twin.take() else { return };
        let lower = match (old.lower, toggled) {
            (Lower::Flip(_), Some(f)) => Lower::Flip(f),
            (l, _) => l,
        };
        match self.make_twin(lower) {
            Ok(t) => self.twin = Some(t),
            Err(e) => self.message = Some(e.msg()),
        }
    }

    /// Side B of a comparison changes (its scenario or an override): it
    /// is compiled again, and both restart.
    pub(super) fn reload_twin(&mut self, change: impl FnOnce(&mut RunSettings, &Program)) {
        let Some(t) = &self.twin else { return };
        let mut next = t.settings.clone();
        change(&mut next, &t.program);
        let lower = Lower::Fixed(next);
        match self.make_twin(lower.clone()) {
            Ok(t) => {
                self.lower = Some(lower);
                self.twin = Some(t);
                self.restart();
            }
            Err(e) => self.message = Some(e.msg()),
        }
    }

    /// Start the top's program and the lower one's together, in lockstep.
    pub(super) fn start_pair(&mut self, opts: RunOptions) -> Option<std::io::Result<Run>> {
        let twin = self.twin.as_mut()?;
        twin.run = None;
        let mut below = opts;
        below.cores = twin.settings.cores.unwrap_or(opts.cores);
        let pair = Run::pair(
            [Arc::clone(&self.program), Arc::clone(&twin.program)],
            [opts, below],
            [self.tx.clone(), self.tx.clone()],
        );
        Some(pair.map(|[top, run]| {
            twin.timeline = Timeline::for_run(run.id);
            twin.run = Some(run);
            top
        }))
    }

    /// Stop the lower run (it is joined) and forget its events.
    pub(super) fn stop_twin(&mut self) {
        if let Some(t) = &mut self.twin {
            t.run = None;
        }
    }

    /// Stop the lower run, fold in what it sent, and hand it over (for
    /// the outputs at quit).
    pub fn take_twin(&mut self) -> Option<Twin> {
        self.stop_twin();
        self.drain();
        self.twin.take()
    }

    /// Wait for the lower run to end by itself (tests).
    pub(super) fn finish_twin(&mut self) {
        if let Some(r) = self.twin.as_ref().and_then(Twin::run) {
            r.wait();
        }
    }
}
