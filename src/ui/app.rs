//! The dashboard's state and what every key does. No terminal here: tests
//! drive an `App` directly and draw it on a `TestBackend`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, unbounded};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::keymap::{Action, action_for};
use super::narrate;
use super::replay::ReplaySource;
use super::source::{Source, TraceSource};
use super::theme::Theme;
use super::tour::{self, Cue, Stage, Tour};
use super::viewport::Viewport;
use super::widgets::{
    footer, header, help::HelpView, output::OutputView, timeline::Geometry, timeline::TimelineView,
};
use crate::app::load_program;
use crate::cli::RunArgs;
use crate::event::{Event, MAIN, Nanos};
use crate::export::record::{Header, Recording};
use crate::i18n::{Lang, Msg};
use crate::model::Timeline;
use crate::runtime::{Run, RunOptions};
use crate::scenario::{self, Program, ScenarioError};
use crate::trace::{TraceError, TraceOptions};
use crate::{msg, tr};

/// Speeds that `[` and `]` step through.
pub const SPEEDS: [f64; 12] = [
    0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0,
];

/// The smallest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Running,
    Paused,
    Finished,
}

pub struct App {
    args: RunArgs,
    /// What Tab and 1–9 switch between: the built-ins, then the user's file.
    pub scenarios: Vec<String>,
    pub current: usize,
    daemon: Option<bool>,
    gil: Option<bool>,
    pub program: Arc<Program>,
    source: Option<Source>,
    /// Set when the dashboard traces a real program (restart runs it again).
    trace: Option<TraceOptions>,
    /// Set when the dashboard plays a recording (restart plays it again).
    replay: Option<Arc<Recording>>,
    /// Every event of the run on screen, in arrival order (for the outputs).
    pub events: Vec<Event>,
    pub timeline: Timeline,
    tx: Sender<Event>,
    rx: Receiver<Event>,
    pub selected: usize,
    pub viewport: Viewport,
    pub show_help: bool,
    pub should_quit: bool,
    pub theme: Theme,
    pub speed: f64,
    pub seed: u64,
    /// The language of every word on screen (English unless told).
    pub lang: Lang,
    /// A problem to show in the explanation pane (e.g. a scenario that failed
    /// to load), said in `lang` when drawn.
    pub message: Option<Msg>,
    start_paused: bool,
    // Where things were drawn last, for the mouse.
    timeline_area: Rect,
    geometry: Geometry,
    /// Without the GIL, how many threads run at once (decided once: asking
    /// the system reads files, and the header shows it every frame).
    cores: usize,
    /// `threadline demo`: the tour, when it began, and its speed factor.
    pub tour: Option<Tour>,
    tour_start: Instant,
    tour_speed: f64,
}

impl App {
    /// Load the scenario `args` names and start it.
    pub fn new(args: RunArgs, theme: Theme) -> Result<App, ScenarioError> {
        Self::with_options(args, theme, false)
    }

    /// Like `new`; `paused` starts the program frozen at t = 0.
    pub fn with_options(args: RunArgs, theme: Theme, paused: bool) -> Result<App, ScenarioError> {
        let program = Arc::new(load_program(&args)?);
        let mut scenarios: Vec<String> = scenario::builtin_names().map(String::from).collect();
        let current = match scenarios.iter().position(|s| *s == args.scenario) {
            Some(i) => i,
            None => {
                scenarios.push(args.scenario.clone());
                scenarios.len() - 1
            }
        };
        let mut app = App::blank(program, theme);
        app.daemon = args.daemon_override();
        app.gil = args.gil_override();
        app.speed = args.speed;
        app.seed = args.seed.unwrap_or_else(|| fastrand::u64(..1_000_000));
        if let Some(c) = args.cores {
            app.cores = c as usize;
        }
        app.args = args;
        app.scenarios = scenarios;
        app.current = current;
        app.start_paused = paused;
        app.start();
        Ok(app)
    }

    /// An App with nothing running yet; the constructors fill in the rest.
    fn blank(program: Arc<Program>, theme: Theme) -> App {
        let (tx, rx) = unbounded();
        App {
            args: RunArgs::default(),
            scenarios: Vec::new(),
            current: 0,
            daemon: None,
            gil: None,
            program,
            source: None,
            trace: None,
            replay: None,
            events: Vec::new(),
            timeline: Timeline::new(),
            tx,
            rx,
            selected: 0,
            viewport: Viewport::default(),
            show_help: false,
            should_quit: false,
            theme,
            speed: 1.0,
            seed: 0,
            lang: Lang::En,
            message: None,
            start_paused: false,
            timeline_area: Rect::default(),
            geometry: Geometry::default(),
            cores: crate::runtime::machine_cores(),
            tour: None,
            tour_start: Instant::now(),
            tour_speed: 1.0,
        }
    }

    /// The same App, speaking `lang`.
    pub fn speaking(mut self, lang: Lang) -> App {
        self.lang = lang;
        self
    }

    /// Events of the runs arrive here.
    pub fn events(&self) -> &Receiver<Event> {
        &self.rx
    }

    fn start(&mut self) {
        self.source = None; // stops and joins the previous run's threads (or child)
        self.message = None;
        self.events.clear();
        while self.rx.try_recv().is_ok() {} // a replay restarts with the same run id
        if let Some(rec) = &self.replay {
            let r = ReplaySource::start(&rec.events, self.speed, self.tx.clone());
            self.timeline = Timeline::for_run(r.run);
            self.source = Some(Source::Replay(r));
        } else if let Some(opts) = &self.trace {
            let mut opts = opts.clone();
            opts.run = crate::runtime::next_run_id();
            match crate::trace::start(opts) {
                Ok(traced) => {
                    self.message = traced.warning.clone();
                    self.timeline = Timeline::for_run(traced.run);
                    self.source = Some(Source::Trace(TraceSource::new(traced, self.tx.clone())));
                }
                Err(e) => {
                    self.timeline = Timeline::new();
                    self.message = Some(e.msg());
                }
            }
        } else {
            let opts = RunOptions {
                speed: self.speed,
                seed: self.seed,
                paused: self.start_paused,
                cores: self.cores,
            };
            let run = Run::start(Arc::clone(&self.program), opts, self.tx.clone());
            self.timeline = Timeline::for_run(run.id);
            self.source = Some(Source::Scenario(run));
        }
        self.viewport = Viewport::default();
        self.selected = self
            .selected
            .min(self.program.threads.len().saturating_sub(1));
    }

    /// The dashboard on a real Python program (started here: a missing
    /// interpreter is an error before any screen is drawn).
    pub fn for_trace(opts: TraceOptions, theme: Theme) -> Result<App, TraceError> {
        let mut first = opts.clone();
        first.run = crate::runtime::next_run_id();
        let traced = crate::trace::start(first)?;
        let name = opts
            .command
            .iter()
            .skip(1)
            .find(|a| !a.to_string_lossy().starts_with('-'))
            .map(|a| {
                let p = std::path::Path::new(a);
                p.file_name().unwrap_or(a).to_string_lossy().into_owned()
            })
            .unwrap_or_else(|| "python".into());
        let program = Program {
            name: format!("trace {name}"),
            title: name.clone(),
            summary: String::new(),
            note: None,
            gil: true,
            threads: Vec::new(),
            counters: Vec::new(),
            locks: Vec::new(),
        };
        let mut app = App::blank(Arc::new(program), theme);
        app.trace = Some(opts);
        app.message = traced.warning.clone();
        app.timeline = Timeline::for_run(traced.run);
        app.source = Some(Source::Trace(TraceSource::new(traced, app.tx.clone())));
        Ok(app)
    }

    /// The guided tour (`threadline demo`), begun at wall time `start`:
    /// `args` gives the seed (fixed), the speed factor and the overrides.
    pub fn for_tour(
        mut args: RunArgs,
        looping: bool,
        theme: Theme,
        start: Instant,
    ) -> Result<App, ScenarioError> {
        let speed = args.speed;
        args.seed = Some(args.seed.unwrap_or(1));
        args.scenario = tour::SCENES[0].scenario.to_string();
        let mut app = Self::with_options(args, theme, true)?;
        app.tour = Some(Tour::new(looping));
        app.tour_start = start;
        app.tour_speed = speed;
        let cues = app.tour.as_mut().map(|t| t.go(0, Duration::ZERO));
        app.cues(cues.unwrap_or_default());
        Ok(app)
    }

    /// The tour moves on as time passes (`now`: wall time).
    pub fn tour_tick(&mut self, now: Instant) {
        let program = self.now();
        let finished = self.phase() == Phase::Finished;
        let at = now.saturating_duration_since(self.tour_start);
        let cues = match &mut self.tour {
            Some(t) => t.tick(at, program, finished),
            None => return,
        };
        self.cues(cues);
    }

    /// When the tour needs a tick by itself next (wall time).
    pub fn tour_deadline(&self) -> Option<Instant> {
        let d = self.tour.as_ref()?.deadline()?;
        Some(self.tour_start + d)
    }

    /// The tour waits for the program to reach a moment or its end: the
    /// loop must keep looking while the clock runs up to it.
    pub fn tour_watches(&self) -> bool {
        self.tour
            .as_ref()
            .is_some_and(|t| t.autoplay && t.stage == Stage::Playing)
    }

    fn cues(&mut self, cues: Vec<Cue>) {
        for cue in cues {
            match cue {
                Cue::Load { index } => self.load_scene(index),
                Cue::RunUntil(t) => {
                    if let Some(Source::Scenario(run)) = &self.source {
                        run.step(t.saturating_sub(run.now()));
                    }
                }
                Cue::Resume => {
                    if let Some(s) = &self.source {
                        s.resume();
                    }
                }
            }
        }
    }

    /// Load scene `index`: its scenario at its speed with the tour's seed,
    /// frozen at t = 0 while the tour plays by itself; and its moments.
    fn load_scene(&mut self, index: usize) {
        let Some(t) = &self.tour else { return };
        let scene = tour::SCENES[index];
        let autoplay = t.autoplay;
        if let Some(i) = self.scenarios.iter().position(|s| s == scene.scenario) {
            self.speed = (scene.speed * self.tour_speed)
                .clamp(crate::runtime::MIN_SPEED, crate::runtime::MAX_SPEED);
            self.start_paused = autoplay;
            self.switch(i);
            // Fit the whole run: the moments are known, so is the end.
            let times = tour::moment_times(&self.program, &scene, self.seed, self.cores);
            if let Some(t) = &mut self.tour {
                t.set_times(times);
            }
        }
    }

    /// The CPU cores a run without the GIL has.
    pub fn cores(&self) -> usize {
        self.cores
    }

    /// Is this a traced program (rather than a scenario)?
    pub fn is_trace(&self) -> bool {
        self.trace.is_some()
    }

    /// Not a built-in or file scenario: a trace or a replay (no scenario keys).
    pub fn is_external(&self) -> bool {
        self.trace.is_some() || self.replay.is_some()
    }

    /// The dashboard on a recording.
    pub fn for_replay(rec: Recording, speed: f64, theme: Theme) -> App {
        let h = &rec.header;
        let program = Program {
            name: format!("replay {}", h.scenario),
            title: h.title.clone(),
            summary: String::new(),
            note: h.note.clone(),
            gil: h.gil,
            threads: Vec::new(),
            counters: Vec::new(),
            locks: Vec::new(),
        };
        let mut app = App::blank(Arc::new(program), theme);
        app.speed = speed;
        app.seed = h
            .options
            .get("seed")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0);
        // The recording's cores, for the header.
        if let Some(c) = h.options.get("cores").and_then(serde_json::Value::as_u64) {
            app.cores = c as usize;
        }
        app.replay = Some(Arc::new(rec));
        app.start();
        app
    }

    /// The recording header for what is on screen.
    pub fn record_header(&self) -> Header {
        if let Some(rec) = &self.replay {
            return rec.header.clone();
        }
        if let Some(opts) = &self.trace {
            return crate::app::trace_header(opts);
        }
        let mut args = self.args.clone();
        args.daemon = self.daemon == Some(true);
        args.no_daemon = self.daemon == Some(false);
        crate::app::scenario_header(&self.program, self.speed, self.seed, &args)
    }

    /// Restart; a new seed unless the user fixed one.
    pub fn restart(&mut self) {
        if self.args.seed.is_none() {
            self.seed = fastrand::u64(..1_000_000);
        }
        self.start();
    }

    /// Reload the current scenario with the current overrides, then restart.
    fn reload(&mut self) {
        let mut args = self.args.clone();
        args.scenario = self.scenarios[self.current].clone();
        args.daemon = self.daemon == Some(true);
        args.no_daemon = self.daemon == Some(false);
        args.gil = self.gil == Some(true);
        args.no_gil = self.gil == Some(false);
        match load_program(&args) {
            Ok(p) => {
                self.program = Arc::new(p);
                self.message = None;
                self.restart();
            }
            Err(e) => self.message = Some(e.msg()),
        }
    }

    /// Fold in one event (events of older runs are ignored).
    pub fn on_event(&mut self, ev: &Event) {
        if self.timeline.apply(ev) {
            self.events.push(ev.clone());
        }
    }

    /// Fold in every event waiting in the channel; true if any came.
    pub fn drain(&mut self) -> bool {
        let mut any = false;
        while let Ok(ev) = self.rx.try_recv() {
            self.on_event(&ev);
            any = true;
        }
        any
    }

    /// Wait for the run to end by itself and take all its events (tests).
    pub fn finish(&mut self) {
        if let Some(source) = &mut self.source {
            source.resume();
            source.wait();
        }
        self.drain();
    }

    /// Program time shown: the exit once everything is over, else the clock.
    pub fn now(&self) -> Nanos {
        if self.timeline.is_complete() {
            return self.timeline.horizon(0);
        }
        self.source
            .as_ref()
            .map_or(self.timeline.latest, Source::now)
            .max(self.timeline.latest)
    }

    pub fn phase(&self) -> Phase {
        if self.timeline.is_complete() {
            Phase::Finished
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
        let flags: Vec<bool> = if self.is_external() {
            self.timeline
                .tracks()
                .iter()
                .filter(|t| t.id != MAIN)
                .map(|t| t.daemon)
                .collect()
        } else {
            self.program
                .threads
                .iter()
                .skip(1)
                .map(|t| t.daemon)
                .collect()
        };
        match flags.iter().filter(|d| **d).count() {
            0 => Some(false),
            n if n == flags.len() => Some(true),
            _ => None,
        }
    }

    /// Handle a key; true if anything changed.
    pub fn on_key(&mut self, key: &KeyEvent) -> bool {
        match action_for(key) {
            Some(a) => {
                self.act(a);
                true
            }
            None => false,
        }
    }

    pub fn act(&mut self, action: Action) {
        let now = self.now();
        let horizon = self.timeline.horizon(now);
        if !matches!(action, Action::Help) {
            self.message = None;
        }
        if let Some(t) = &mut self.tour {
            use Action::*;
            // Keys that change the program take it out of the tour's hands;
            // looking around (select, pan, zoom, help) does not.
            if matches!(
                action,
                Pause
                    | Step
                    | Restart
                    | ToggleDaemon
                    | ToggleGil
                    | Slower
                    | Faster
                    | NextScenario
                    | Scenario(_)
            ) {
                t.take_control();
            }
        }
        match action {
            Action::NextScene | Action::PrevScene | Action::Autoplay if self.tour.is_none() => {}
            Action::NextScene | Action::PrevScene | Action::Autoplay => {
                let at = Instant::now().saturating_duration_since(self.tour_start);
                let program = self.now();
                let cues = match (&mut self.tour, action) {
                    (Some(t), Action::NextScene) => t.next_scene(at),
                    (Some(t), Action::PrevScene) => t.prev_scene(at),
                    (Some(t), _) => t.resume_autoplay(program),
                    (None, _) => Vec::new(),
                };
                self.cues(cues);
            }
            Action::Quit if self.show_help => self.show_help = false,
            Action::Quit => self.should_quit = true,
            Action::Interrupt => {
                // Ctrl-C reaches a traced program as it would without us.
                if !self.source.as_ref().is_some_and(Source::interrupt) {
                    self.should_quit = true;
                }
            }
            Action::Help => self.show_help = !self.show_help,
            Action::Pause => {
                if let Some(source) = &self.source {
                    source.toggle_pause();
                }
            }
            Action::Step => {
                if !self.source.as_ref().is_some_and(Source::step) {
                    self.message = Some(msg!("only-scenarios-step"));
                }
            }
            Action::Restart => self.restart(),
            Action::ToggleDaemon
            | Action::ToggleGil
            | Action::NextScenario
            | Action::Scenario(_)
                if self.is_trace() =>
            {
                self.message = Some(msg!("only-scenarios-key"));
            }
            Action::ToggleDaemon => {
                self.daemon = Some(self.daemon_mode() != Some(true));
                self.reload();
            }
            Action::ToggleGil => {
                self.gil = Some(!self.program.gil);
                self.reload();
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => {
                self.selected =
                    (self.selected + 1).min(self.timeline.tracks().len().saturating_sub(1));
            }
            Action::PanLeft => self.viewport.pan(-1, now, horizon),
            Action::PanRight => self.viewport.pan(1, now, horizon),
            Action::ZoomIn => self.viewport.zoom(true, now, horizon),
            Action::ZoomOut => self.viewport.zoom(false, now, horizon),
            Action::Follow => self.viewport.toggle_follow(now, horizon),
            Action::Slower | Action::Faster => {
                let i = SPEEDS
                    .iter()
                    .position(|&s| s >= self.speed)
                    .unwrap_or(SPEEDS.len() - 1);
                let i = if action == Action::Slower {
                    i.saturating_sub(1)
                } else {
                    (i + 1).min(SPEEDS.len() - 1)
                };
                if self.source.as_ref().is_some_and(|s| s.set_speed(SPEEDS[i])) {
                    self.speed = SPEEDS[i];
                } else {
                    self.message = Some(msg!("only-scenarios-speed"));
                }
            }
            Action::NextScenario => self.switch((self.current + 1) % self.scenarios.len()),
            Action::Scenario(i) if i < self.scenarios.len() => self.switch(i),
            Action::Scenario(_) => {}
        }
    }

    /// Lines of a trace that could not be read, into the model's count.
    pub fn sync_dropped(&mut self) {
        if let Some(s) = &self.source {
            self.timeline.dropped = self.timeline.dropped.max(s.dropped());
        }
    }

    fn switch(&mut self, i: usize) {
        self.current = i;
        self.daemon = self.args.daemon_override();
        self.gil = self.args.gil_override();
        self.selected = 0;
        self.reload();
    }

    /// Handle the mouse; true if anything changed.
    pub fn on_mouse(&mut self, m: &MouseEvent) -> bool {
        let pos = Position::new(m.column, m.row);
        if !self.timeline_area.contains(pos) {
            return false;
        }
        let over_chart = m.column >= self.geometry.chart_x;
        match m.kind {
            MouseEventKind::ScrollUp if over_chart => self.act(Action::ZoomIn),
            MouseEventKind::ScrollDown if over_chart => self.act(Action::ZoomOut),
            MouseEventKind::ScrollUp => self.act(Action::Up),
            MouseEventKind::ScrollDown => self.act(Action::Down),
            MouseEventKind::Down(MouseButton::Left) if self.geometry.rows.contains(pos) => {
                let row = self.geometry.first_row + (m.row - self.geometry.rows.y) as usize;
                if row < self.timeline.tracks().len() {
                    self.selected = row;
                }
            }
            _ => return false,
        }
        true
    }

    /// Draw the whole screen.
    pub fn render(&mut self, frame: &mut Frame) {
        let area = frame.area();
        let lang = self.lang;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = tr!(
                lang,
                "too-small",
                min_w = MIN_WIDTH,
                min_h = MIN_HEIGHT,
                w = area.width,
                h = area.height
            );
            let lines = super::wrap::wrap_line(&Line::raw(msg), area.width);
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        let caption_h = if self.tour.is_some() { 4 } else { 0 };
        let rows_wanted = self.timeline.tracks().len().max(1) as u16 + 2;
        let timeline_h = rows_wanted
            .min(area.height.saturating_sub(2 + 8 + caption_h))
            .max(3);
        let [head, caption, body, bottom, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(caption_h),
            Constraint::Length(timeline_h),
            Constraint::Min(4),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(header::line(self), head);
        let now = self.now();
        if let Some(t) = &self.tour {
            let lang = self.lang;
            let mode = if t.autoplay {
                tr!(lang, "tour-autoplay")
            } else {
                tr!(lang, "tour-manual")
            };
            let title = tr!(
                lang,
                "tour-title",
                scene = t.index + 1,
                scenes = t.scenes.len(),
                name = t.scene().scenario,
                mode = mode
            );
            let block = Block::default()
                .borders(Borders::ALL)
                .title(Line::styled(format!(" {title} "), self.theme.title()));
            // Wrapped here, by display width (see `ui::wrap`).
            let width = block.inner(caption).width;
            let text = Line::styled(lang.t(t.caption(now)), self.theme.caption());
            let lines: Vec<Line> = super::wrap::wrap_line(&text, width);
            frame.render_widget(Paragraph::new(lines).block(block), caption);
        }
        let view = TimelineView {
            timeline: &self.timeline,
            window: self.viewport.window(now, self.timeline.horizon(now)),
            now,
            selected: self.selected,
            theme: self.theme,
            lang,
        };
        self.geometry = view.geometry(body);
        self.timeline_area = body;
        frame.render_widget(&view, body);

        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(bottom);
        let selected_id = self.timeline.tracks().get(self.selected).map(|t| t.id);
        let out_block = Block::default()
            .borders(Borders::TOP)
            .title(format!(" {} ", tr!(lang, "pane-output")));
        let out_area = out_block.inner(left);
        frame.render_widget(out_block, left);
        frame.render_widget(
            &OutputView {
                timeline: &self.timeline,
                selected: selected_id.filter(|&id| id != MAIN || self.selected > 0),
                theme: self.theme,
                lang,
            },
            out_area,
        );
        let mut text: Vec<Line> = Vec::new();
        if let Some(m) = &self.message {
            text.push(Line::styled(m.render(lang), self.theme.warn()));
        }
        for s in narrate::present(
            &self.timeline,
            self.program.note.as_deref(),
            self.program.gil,
            lang,
        ) {
            text.push(Line::raw(s));
        }
        if let Some(id) = selected_id {
            text.push(Line::raw(""));
            for s in narrate::history(&self.timeline, id, now, 6, lang) {
                text.push(Line::styled(s, self.theme.dim()));
            }
        }
        let why = Block::default()
            .borders(Borders::TOP | Borders::LEFT)
            .title(format!(" {} ", tr!(lang, "pane-explain")));
        // Wrapped here, by display width (see `ui::wrap`).
        let width = why.inner(right).width;
        let text: Vec<Line> = text
            .iter()
            .flat_map(|l| super::wrap::wrap_line(l, width))
            .collect();
        frame.render_widget(Paragraph::new(text).block(why), right);
        let tour = self.tour.is_some();
        frame.render_widget(footer::line(self.theme, lang, foot.width, tour), foot);
        if self.show_help {
            frame.render_widget(
                &HelpView {
                    theme: self.theme,
                    tour,
                    lang,
                },
                area,
            );
        }
    }
}
