//! The dashboard's session: what is shown (a scenario, a traced program or
//! a recording), the run on screen, its model, the events coming in and
//! the run's controls. No view state here (that is `ViewState`), no words.

pub mod code;
mod control;
mod hand;
mod length;
mod quit;
mod twin;
mod variants;

use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender, unbounded};

use super::mode::Mode;
use super::replay::ReplaySource;
use super::source::{Source, TraceSource};
use crate::event::{Batch, Event, Nanos};
use crate::export::record::{Header, Recording};
use crate::i18n::Msg;
use crate::model::Timeline;
use crate::runtime::{Run, RunOptions};
use crate::scenario::{self, Program, ScenarioError, Words};
use crate::setup::RunSettings;
use crate::trace::{TraceError, TraceOptions};
pub use twin::{Flip, Lower, Twin};

/// Speeds that `[` and `]` step through.
pub const SPEEDS: [f64; 12] = [
    0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Running,
    Paused,
    /// Frozen, stepped by the user (`s`).
    Scheduling,
    Finished,
}

/// Where the session's runs come from.
enum Origin {
    /// Scenarios: the user's settings, what Tab and 1–9 switch between
    /// (the built-ins, then the user's file) and the overrides toggled.
    Scenario {
        settings: RunSettings,
        /// The overrides the user started with (a switch returns to them).
        user: crate::scenario::Overrides,
        names: Vec<String>,
        current: usize,
    },
    Trace(TraceOptions),
    Replay(Arc<Recording>),
}

pub struct Session {
    origin: Origin,
    pub program: Arc<Program>,
    source: Option<Source>,
    pub timeline: Timeline,
    /// Every event of the run on screen, in arrival order, when kept (a
    /// recording or an export asks for them at quit).
    log: Option<Vec<Event>>,
    tx: Sender<Batch>,
    rx: Receiver<Batch>,
    pub speed: f64,
    pub seed: u64,
    /// Without the GIL, how many threads run at once (decided once: asking
    /// the system reads files, and the header shows it every frame).
    pub cores: usize,
    /// Start each run frozen at t = 0 (the tour steps it).
    pub start_paused: bool,
    /// A problem to show (a scenario that failed to load, a warning).
    pub message: Option<Msg>,
    /// The split view's lower run, when shown…
    twin: Option<Twin>,
    /// …what it runs when it is a side of its own (`threadline compare`)…
    lower: Option<Lower>,
    /// …and the variant toggled last (`d`, `g`), which `v` shows below.
    last_flip: Option<Flip>,
    /// How long the run is expected to last (see `length.rs`).
    expected: Option<Nanos>,
    /// The program's source, for the code pane (see `code.rs`).
    code: Option<code::Code>,
    /// …and, in a split view, what the two programs do not share.
    code_diff: Vec<crate::scenario::TwinLine>,
    /// The user is the scheduler (`s`): every run is stepped by hand.
    scheduling: bool,
}

impl Session {
    fn blank(origin: Origin, program: Program) -> Session {
        let (tx, rx) = unbounded();
        let mut s = Session {
            origin,
            program: Arc::new(program),
            source: None,
            timeline: Timeline::new(),
            log: None,
            tx,
            rx,
            speed: 1.0,
            seed: 0,
            cores: crate::runtime::machine_cores(),
            start_paused: false,
            message: None,
            twin: None,
            lower: None,
            last_flip: None,
            expected: None,
            code: None,
            code_diff: Vec::new(),
            scheduling: false,
        };
        s.expected = s.expected_length();
        s.code = s.load_code();
        s
    }

    /// Scenarios, starting with the one `settings` names (run at once
    /// unless `paused`).
    pub fn scenario(settings: RunSettings, paused: bool) -> Result<Session, ScenarioError> {
        let program = settings.load()?;
        let mut names: Vec<String> = scenario::builtin_names().map(String::from).collect();
        let current = match names.iter().position(|s| *s == settings.scenario) {
            Some(i) => i,
            None => {
                names.push(settings.scenario.clone());
                names.len() - 1
            }
        };
        let mut s = Session::blank(
            Origin::Scenario {
                settings: settings.clone(),
                user: settings.overrides,
                names,
                current,
            },
            program,
        );
        s.speed = settings.speed;
        s.seed = settings.seed.unwrap_or_else(crate::setup::random_seed);
        s.cores = settings.cores();
        s.start_paused = paused;
        s.start();
        Ok(s)
    }

    /// A real Python program (started here: a missing interpreter is an
    /// error before any screen is drawn).
    pub fn trace(opts: TraceOptions) -> Result<Session, TraceError> {
        let mut first = opts.clone();
        first.run = crate::runtime::next_run_id();
        let traced = crate::trace::start(first)?;
        let name = crate::trace::program_name(&opts.command);
        let program = Program {
            name: format!("trace {name}"),
            file: String::new(),
            words: Words::plain(name),
            gil: true,
            python: crate::scenario::Python::DEFAULT,
            threads: Vec::new(),
            counters: Vec::new(),
            locks: Vec::new(),
            finalizes: true,
        };
        let mut s = Session::blank(Origin::Trace(opts), program);
        s.message = traced.warning.clone();
        s.timeline = Timeline::for_run(traced.run);
        s.source = Some(Source::Trace(TraceSource::new(traced, s.tx.clone())));
        Ok(s)
    }

    /// A recording, played at `speed`.
    pub fn replay(rec: Recording, speed: f64) -> Session {
        let h = &rec.header;
        let program = Program {
            name: format!("replay {}", h.scenario),
            file: String::new(),
            words: h.words.clone(),
            gil: h.gil,
            python: h.options.python.unwrap_or(crate::scenario::Python::DEFAULT),
            threads: Vec::new(),
            counters: Vec::new(),
            locks: Vec::new(),
            finalizes: true,
        };
        let seed = h.options.seed.unwrap_or(0);
        let cores = h.options.cores;
        let mut s = Session::blank(Origin::Replay(Arc::new(rec)), program);
        s.speed = speed;
        s.seed = seed;
        // The recording's cores, for the header.
        if let Some(c) = cores {
            s.cores = c;
        }
        s.start();
        s
    }

    /// The seed to show: a scenario's; a replay's when its recording has
    /// one (a trace's has none); none for a trace.
    pub fn shown_seed(&self) -> Option<u64> {
        match &self.origin {
            Origin::Scenario { .. } => Some(self.seed),
            Origin::Replay(rec) => rec.header.options.seed,
            Origin::Trace(_) => None,
        }
    }

    /// Keep every event from now on (outputs want them at quit).
    pub fn keep_events(&mut self) {
        self.log.get_or_insert_with(Vec::new);
    }

    pub fn mode(&self) -> Mode {
        match self.origin {
            Origin::Scenario { .. } if self.twin.is_some() => Mode::Split,
            Origin::Scenario { .. } if self.scheduling => Mode::Schedule,
            Origin::Scenario { .. } => Mode::Scenario,
            Origin::Trace(_) => Mode::Trace,
            Origin::Replay(_) => Mode::Replay,
        }
    }

    /// The top's run as asked for (scenarios only).
    pub fn settings(&self) -> Option<&RunSettings> {
        match &self.origin {
            Origin::Scenario { settings, .. } => Some(settings),
            _ => None,
        }
    }

    /// The scenarios Tab and 1–9 switch between, and the current one.
    pub fn scenarios(&self) -> (&[String], usize) {
        match &self.origin {
            Origin::Scenario { names, current, .. } => (names, *current),
            _ => (&[], 0),
        }
    }

    /// Events of the runs arrive here.
    pub fn events(&self) -> &Receiver<Batch> {
        &self.rx
    }

    /// Start the run again from the beginning (the same seed: `restart`
    /// draws a new one when the user did not fix it).
    pub fn start(&mut self) {
        self.source = None; // stops and joins the previous run's threads (or child)
        self.stop_twin();
        if let Some(log) = &mut self.log {
            log.clear();
        }
        while self.rx.try_recv().is_ok() {} // a replay restarts with the same run id
        self.expected = self.expected_length();
        self.code = self.load_code();
        match &self.origin {
            Origin::Replay(rec) => {
                let r = ReplaySource::start(&rec.events, self.speed, self.tx.clone());
                self.timeline = Timeline::for_run(r.run);
                self.source = Some(Source::Replay(r));
            }
            Origin::Trace(opts) => {
                let mut opts = opts.clone();
                opts.run = crate::runtime::next_run_id();
                match crate::trace::start(opts) {
                    Ok(traced) => {
                        self.message = traced.warning.clone();
                        self.timeline = Timeline::for_run(traced.run);
                        self.source =
                            Some(Source::Trace(TraceSource::new(traced, self.tx.clone())));
                    }
                    Err(e) => {
                        self.timeline = Timeline::new();
                        self.message = Some(e.msg());
                    }
                }
            }
            Origin::Scenario { .. } if self.scheduling => self.start_hand(),
            Origin::Scenario { .. } => {
                let opts = RunOptions {
                    speed: self.speed,
                    seed: self.seed,
                    paused: self.start_paused,
                    cores: self.cores,
                };
                let started = match self.start_pair(opts) {
                    Some(top) => top,
                    None => Run::start(Arc::clone(&self.program), opts, self.tx.clone()),
                };
                match started {
                    Ok(run) => {
                        self.timeline = Timeline::for_run(run.id);
                        self.source = Some(Source::Scenario(run));
                    }
                    Err(e) => {
                        let error = e.to_string();
                        self.message = Some(crate::msg!("run-cannot-start", error = error));
                    }
                }
            }
        }
        self.code_diff = self.load_code_differences();
    }

    /// `r`: the same program again; a scenario with a new seed unless the
    /// user fixed one, a recording from its start.
    pub fn restart(&mut self) {
        if let Origin::Scenario { settings, .. } = &self.origin
            && settings.seed.is_none()
        {
            self.seed = crate::setup::random_seed();
        }
        self.message = None;
        self.start();
    }

    /// Compile the current scenario with `overrides` and run it.
    fn reload(&mut self, toggled: Option<Flip>, change: impl FnOnce(&mut RunSettings)) {
        let Origin::Scenario {
            settings,
            names,
            current,
            ..
        } = &mut self.origin
        else {
            return;
        };
        let mut next = settings.clone();
        next.scenario = names[*current].clone();
        change(&mut next);
        match next.load() {
            Ok(p) => {
                *settings = next;
                self.program = Arc::new(p);
                self.retwin(toggled);
                self.restart();
            }
            Err(e) => self.message = Some(e.msg()),
        }
    }

    /// Does a change given to `side` go to the lower run (side B of a
    /// comparison)? A split by a variant follows the top.
    pub(super) fn lower_side(&self, side: usize) -> bool {
        side == 1 && self.compares() && self.twin.is_some()
    }

    /// Fold in one event (events of older runs are ignored).
    pub fn on_event(&mut self, ev: Event) {
        if self.timeline.apply(&ev) {
            if let Some(log) = &mut self.log {
                log.push(ev);
            }
        } else if let Some(t) = &mut self.twin {
            t.timeline.apply(&ev);
        }
    }

    /// Fold in the events of one batch.
    pub fn on_events(&mut self, batch: Batch) {
        for ev in batch {
            self.on_event(ev);
        }
    }

    /// Fold in every event waiting in the channel; true if any came.
    pub fn drain(&mut self) -> bool {
        let mut any = false;
        while let Ok(batch) = self.rx.try_recv() {
            self.on_events(batch);
            any = true;
        }
        if let Some(s) = &self.source {
            self.timeline.dropped = self.timeline.dropped.max(s.dropped());
        }
        // A stall is called once it has stood a while by the program's clock.
        let now = self.now();
        any | self.timeline.confirm_stall(now)
    }

    /// Wait for the run to end by itself and take all its events (tests).
    pub fn finish(&mut self) {
        if let Some(source) = &mut self.source {
            source.resume();
            source.wait();
        }
        self.finish_twin();
        self.drain();
    }

    /// Program time shown: the exit once everything is over, else the
    /// clock (one for both runs of a split view).
    pub fn now(&self) -> Nanos {
        let twin = self.twin.as_ref().map(|t| &t.timeline);
        if self.is_complete() {
            let later = twin.map_or(0, |t| t.horizon(0));
            return self.timeline.horizon(0).max(later);
        }
        let latest = self.timeline.latest.max(twin.map_or(0, |t| t.latest));
        self.source.as_ref().map_or(latest, Source::now).max(latest)
    }

    pub fn phase(&self) -> Phase {
        if self.is_complete() {
            Phase::Finished
        } else if self.scheduling {
            Phase::Scheduling
        } else if self.source.as_ref().is_none_or(Source::is_paused) {
            Phase::Paused
        } else {
            Phase::Running
        }
    }

    /// True while the picture changes by itself (the clock runs).
    pub fn is_live(&self) -> bool {
        self.phase() == Phase::Running
    }

    /// Every worker a daemon (Some(true)), none (Some(false)), or a mix.
    pub fn daemon_mode(&self) -> Option<bool> {
        // A scenario knows its workers up front; a trace learns them.
        if matches!(self.origin, Origin::Scenario { .. }) {
            return self.program.daemon_mode();
        }
        match self.timeline.daemon_count() {
            (_, 0) => Some(false),
            (n, d) if d == n => Some(true),
            _ => None,
        }
    }

    /// The recording header for what is on screen.
    pub fn header(&self) -> Header {
        match &self.origin {
            Origin::Replay(rec) => rec.header.clone(),
            Origin::Trace(opts) => crate::setup::trace_header(&opts.command),
            Origin::Scenario { settings, .. } => settings.header(&self.program, self.seed),
        }
    }

    /// The events kept and the model, for the outputs at quit; the run
    /// stops (its threads are joined, a traced program ended).
    pub fn into_parts(mut self) -> (Header, Vec<Event>, Timeline) {
        let header = self.header();
        self.source = None;
        self.stop_twin();
        self.drain();
        (
            header,
            self.log.take().unwrap_or_default(),
            std::mem::take(&mut self.timeline),
        )
    }
}
