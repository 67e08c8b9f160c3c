//! The dashboard: a session (what runs), a view state (what is looked at)
//! and, in `threadline demo`, the tour on top. `act` carries out one action
//! and says what changed; drawing (in `screen`) only reads. No terminal
//! here: tests drive an `App` directly and draw it on a `TestBackend`.

use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::guide::Guide;
use super::keymap::{self, Action};
use super::mode::Mode;
use super::session::{Phase, Session};
use super::theme::Theme;
use super::view::{Reading, ViewState};
use crate::event::Nanos;
use crate::i18n::Lang;
use crate::scenario::ScenarioError;
use crate::setup::RunSettings;
use crate::trace::{TraceError, TraceOptions};

/// What an action changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    /// Nothing: no redraw needed.
    Nothing,
    /// Only the view (selection, window, help, a message).
    View,
    /// The program or its run (paused, stepped, restarted, another one).
    Run,
    /// The user quits.
    Quit,
}

pub struct App {
    pub session: Session,
    pub view: ViewState,
    /// `threadline demo`: the tour.
    pub guide: Option<Guide>,
    pub theme: Theme,
    /// The language of every word on screen (English unless told).
    pub lang: Lang,
    pub should_quit: bool,
    /// What the explanation pane said last, kept while nothing changes.
    pub(super) said: super::said::Said,
}

impl App {
    fn with(session: Session, theme: Theme) -> App {
        App {
            session,
            view: ViewState::new(),
            guide: None,
            theme,
            lang: Lang::En,
            should_quit: false,
            said: Default::default(),
        }
    }

    /// The scenario `settings` name, started.
    pub fn new(settings: RunSettings, theme: Theme) -> Result<App, ScenarioError> {
        Self::with_options(settings, theme, false)
    }

    /// Like `new`; `paused` starts the program frozen at t = 0.
    pub fn with_options(
        settings: RunSettings,
        theme: Theme,
        paused: bool,
    ) -> Result<App, ScenarioError> {
        Ok(App::with(Session::scenario(settings, paused)?, theme))
    }

    /// The dashboard on two runs in lockstep, `a` on top and `b` below
    /// (`threadline compare`).
    pub fn for_compare(a: RunSettings, b: RunSettings, theme: Theme) -> Result<App, ScenarioError> {
        Ok(App::with(Session::compare(a, b, false)?, theme))
    }

    /// The dashboard on a real Python program.
    pub fn for_trace(opts: TraceOptions, theme: Theme) -> Result<App, TraceError> {
        Ok(App::with(Session::trace(opts)?, theme))
    }

    /// The dashboard on a recording.
    pub fn for_replay(rec: crate::export::record::Recording, speed: f64, theme: Theme) -> App {
        App::with(Session::replay(rec, speed), theme)
    }

    /// The same App, speaking `lang`.
    pub fn speaking(mut self, lang: Lang) -> App {
        self.lang = lang;
        self
    }

    pub fn mode(&self) -> Mode {
        self.session.mode()
    }

    pub fn now(&self) -> Nanos {
        self.session.now()
    }

    pub fn phase(&self) -> Phase {
        self.session.phase()
    }

    /// True while the picture changes by itself (the clock runs).
    pub fn is_live(&self) -> bool {
        self.session.is_live()
    }

    /// While the clock runs: the wall time until the picture can change by
    /// itself (the clock's next digit, or time moved by a cell of the
    /// timeline drawn last). None while it cannot.
    pub fn until_change(&self) -> Option<std::time::Duration> {
        if !self.is_live() {
            return None;
        }
        let g = &self.view.geometry;
        let cols = g.rows.right().saturating_sub(g.chart_x);
        let window = self.view.viewport.window(self.now(), self.extent());
        let speed = self.session.speed;
        Some(super::redraw::until_change(self.now(), window, cols, speed))
    }

    /// Fold in every event waiting; true if any came.
    pub fn drain(&mut self) -> bool {
        self.session.drain()
    }

    /// Wait for the run to end by itself and take all its events (tests).
    pub fn finish(&mut self) {
        self.session.finish();
    }

    /// A new run began: the view follows it.
    fn new_run(&mut self) {
        let rows = self.session.program.threads.len();
        let lower = self.session.twin().map(|t| t.program.threads.len());
        self.view.new_run(rows, lower);
    }

    /// Where a picture of every run on screen ends (ghosts included);
    /// while a run is live, where its axis ends (the expected length, so
    /// the bars grow towards it: see `session/length.rs`); while the user
    /// schedules, the steps taken.
    pub fn extent(&self) -> Nanos {
        let s = &self.session;
        let twin = s.twin().map_or(0, |t| t.timeline.extent(s.now_of(1)));
        let reached = s.timeline.extent(s.now_of(0)).max(twin);
        // Stepped by hand, a run lasts as long as the user goes on: the
        // axis fits the steps taken.
        if matches!(s.phase(), Phase::Finished | Phase::Scheduling) {
            reached
        } else {
            s.axis_end(reached)
        }
    }

    /// Handle a key; what changed.
    pub fn on_key(&mut self, key: &KeyEvent) -> Update {
        let (mode, tour) = (self.mode(), self.guide.is_some());
        match keymap::action_in(key, |a| mode.allows(a, tour)) {
            Some(a) => self.act(a),
            None => Update::Nothing,
        }
    }

    /// Carry out `action`, if it applies here; else say why.
    pub fn act(&mut self, action: Action) -> Update {
        if !matches!(action, Action::Help) {
            self.session.message = None;
        }
        if let Some(why) = self.mode().refuses(action, self.guide.is_some()) {
            self.session.message = Some(why);
            return Update::View;
        }
        // The help overlay keeps its keys: they never reach what is behind it.
        if self.view.show_help {
            return self.help_key(action);
        }
        if keymap::takes_control(action)
            && let Some(g) = &mut self.guide
        {
            g.tour.take_control();
        }
        let now = self.now();
        // The whole picture, of both runs when split: ghosts included.
        let horizon = self.extent();
        let pane = self.view.focus;
        let rows = self.session.timeline_of(pane).tracks().len();
        let view = &mut self.view;
        match action {
            Action::NextScene | Action::PrevScene | Action::Autoplay => {
                self.tour_key(action);
                return Update::Run;
            }
            Action::Quit => {
                self.should_quit = true;
                return Update::Quit;
            }
            Action::Interrupt => {
                // Ctrl-C reaches a traced program as it would without us.
                if !self.session.interrupt() {
                    self.should_quit = true;
                    return Update::Quit;
                }
            }
            Action::Help => view.show_help = !view.show_help,
            Action::Up => view.scroll(-1, rows),
            Action::Down => view.scroll(1, rows),
            Action::PageUp => view.scroll(-(view.page() as isize), rows),
            Action::PageDown => view.scroll(view.page() as isize, rows),
            Action::First => view.scroll(-isize::MAX, rows),
            Action::Last => view.scroll(isize::MAX, rows),
            Action::Mouse => view.mouse = !view.mouse,
            Action::Code => {
                view.code = !view.code;
                // The output pane it hides is no longer the one read.
                if view.code && view.reading == Some(Reading::Output) {
                    view.reading = None;
                }
            }
            Action::PanLeft => view.viewport.pan(-1, now, horizon),
            Action::PanRight => view.viewport.pan(1, now, horizon),
            Action::ZoomIn => view.viewport.zoom(true, now, horizon),
            Action::ZoomOut => view.viewport.zoom(false, now, horizon),
            Action::Follow => view.viewport.toggle_follow(now, horizon),
            Action::Pause => {
                self.session.toggle_pause();
                return Update::Run;
            }
            Action::Step => {
                self.session.step();
                return Update::Run;
            }
            Action::Slower | Action::Faster => {
                self.session.change_speed(action == Action::Faster);
                return Update::Run;
            }
            Action::Restart => self.session.restart(),
            Action::ToggleDaemon => self.session.toggle_daemon(pane),
            Action::ToggleGil => self.session.toggle_gil(pane),
            Action::NextPython => self.session.next_python(pane),
            Action::Split => self.session.toggle_split(),
            Action::FocusPane => view.next_pane(self.session.is_split()),
            Action::NextScenario => {
                let names = self.session.scenarios().0.len();
                let next = self.session.scenario_index(pane).map_or(0, |c| c + 1) % names.max(1);
                self.switch(next);
            }
            Action::Scenario(i) => self.switch(i),
            Action::Schedule => {
                let before = self.session.is_scheduling();
                self.session.message = Some(self.session.toggle_schedule());
                if self.session.is_scheduling() == before {
                    return Update::View;
                }
                self.new_run();
                return Update::Run;
            }
            Action::Pick(row) => {
                let key = crate::look::thread_mark(row, row == 0).to_string();
                return self.pick(row, key);
            }
            Action::PickSelected => return self.pick(self.view.selected, keymap::key_of(action)),
        }
        match action {
            Action::Restart
            | Action::ToggleDaemon
            | Action::ToggleGil
            | Action::NextPython
            | Action::Split
            | Action::NextScenario
            | Action::Scenario(_) => {
                self.new_run();
                Update::Run
            }
            _ => Update::View,
        }
    }

    /// A key while the help is shown: it scrolls, closes or quits; no
    /// other key does anything behind it.
    fn help_key(&mut self, action: Action) -> Update {
        let page = self.view.help.page as isize;
        match action {
            Action::Help | Action::Quit => self.view.show_help = false,
            Action::Interrupt => {
                self.should_quit = true;
                return Update::Quit;
            }
            Action::Up => self.view.scroll_help(-1),
            Action::Down => self.view.scroll_help(1),
            Action::PageUp => self.view.scroll_help(-page),
            Action::PageDown => self.view.scroll_help(page),
            Action::First => self.view.scroll_help(-isize::MAX),
            Action::Last => self.view.scroll_help(isize::MAX),
            _ => return Update::Nothing,
        }
        Update::View
    }

    /// While scheduling: the thread of `row` takes its next step (`key`
    /// was pressed for it); else the message says why it cannot.
    fn pick(&mut self, row: usize, key: String) -> Update {
        let Some(track) = self.session.timeline.tracks().get(row) else {
            self.session.message = Some(crate::msg!("pick-no-row", key = key));
            return Update::View;
        };
        let (id, name) = (track.id, track.name.to_string());
        match self.session.pick(id) {
            Ok(()) => {
                // Enter takes the next step of the same thread.
                self.view.selected = row;
                Update::Run
            }
            Err(refused) => {
                let why = super::schedule::refused(refused, self.session.stepper());
                self.session.message = Some(crate::msg!(
                    "pick-refused",
                    key = key,
                    name = name,
                    why = why
                ));
                Update::View
            }
        }
    }

    /// Scenario `i` of the list (a digit past the list does nothing).
    pub fn switch(&mut self, i: usize) {
        if i < self.session.scenarios().0.len() {
            let pane = self.view.focus;
            if pane == 1 {
                self.view.lower_selected = 0;
            } else {
                self.view.selected = 0;
            }
            self.session.switch(i, pane);
            self.new_run();
        }
    }

    /// Handle the mouse; what changed. Over a pane of the split view, it
    /// acts on that pane (which gets the focus).
    pub fn on_mouse(&mut self, m: &MouseEvent) -> Update {
        let pos = Position::new(m.column, m.row);
        // The wheel over the output or the explanation scrolls it.
        for (area, reading) in [
            (self.view.output_area, Reading::Output),
            (self.view.explain_area, Reading::Explain),
        ] {
            // Under the code pane the output is hidden: nothing to scroll.
            if reading == Reading::Output && self.view.code {
                continue;
            }
            if area.contains(pos) {
                let d = match m.kind {
                    MouseEventKind::ScrollUp => 3,
                    MouseEventKind::ScrollDown => -3,
                    _ => return Update::Nothing,
                };
                let s = match reading {
                    Reading::Output => &mut self.view.output,
                    Reading::Explain => &mut self.view.history,
                };
                let before = s.by;
                s.by = s.by.saturating_add_signed(d).min(s.max);
                return if s.by == before {
                    Update::Nothing
                } else {
                    Update::View
                };
            }
        }
        let pane = if self.view.timeline_area.contains(pos) {
            0
        } else if self.session.is_split() && self.view.lower_area.contains(pos) {
            1
        } else {
            return Update::Nothing;
        };
        self.view.focus = pane;
        let g = if pane == 1 {
            self.view.lower_geometry
        } else {
            self.view.geometry
        };
        let over_chart = m.column >= g.chart_x;
        match m.kind {
            MouseEventKind::ScrollUp if over_chart => self.act(Action::ZoomIn),
            MouseEventKind::ScrollDown if over_chart => self.act(Action::ZoomOut),
            MouseEventKind::ScrollUp => self.act(Action::Up),
            MouseEventKind::ScrollDown => self.act(Action::Down),
            MouseEventKind::Down(MouseButton::Left) if g.rows.contains(pos) => {
                let rows = self.session.timeline_of(pane).tracks().len();
                if let Some(row) = g.track_at(m.row, rows) {
                    if pane == 1 {
                        self.view.lower_selected = row;
                    } else {
                        self.view.selected = row;
                    }
                }
                Update::View
            }
            _ => Update::Nothing,
        }
    }
}
