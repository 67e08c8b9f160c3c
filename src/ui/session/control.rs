//! Run control: pause, step, speed, Ctrl-C, handed to the run's source.

use super::{SPEEDS, Session, Source};
use crate::event::Nanos;

impl Session {
    pub fn toggle_pause(&self) {
        if let Some(s) = &self.source {
            s.toggle_pause();
        }
    }

    pub fn resume(&self) {
        if let Some(s) = &self.source {
            s.resume();
        }
    }

    /// Single step (scenarios and replays).
    pub fn step(&self) {
        if let Some(s) = &self.source {
            s.step();
        }
    }

    /// Run a scenario up to program time `t`, then freeze.
    pub fn run_until(&self, t: Nanos) {
        if let Some(Source::Scenario(run)) = &self.source {
            run.step(t.saturating_sub(run.now()));
        }
    }

    /// `[` or `]`: the next speed down or up.
    pub fn change_speed(&mut self, faster: bool) {
        let i = SPEEDS
            .iter()
            .position(|&s| s >= self.speed)
            .unwrap_or(SPEEDS.len() - 1);
        let i = if faster {
            (i + 1).min(SPEEDS.len() - 1)
        } else {
            i.saturating_sub(1)
        };
        if let Some(s) = &self.source {
            s.set_speed(SPEEDS[i]);
            self.speed = SPEEDS[i];
        }
    }

    /// Ctrl-C: a traced program gets SIGINT, as it would without us; true
    /// if it was sent.
    pub fn interrupt(&self) -> bool {
        self.source.as_ref().is_some_and(Source::interrupt)
    }
}
