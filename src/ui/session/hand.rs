//! Being the scheduler (`s`): the session's scenario stepped by hand, by
//! the `stepper`, its events folded into the same timeline a run fills.
//! A run under way cannot be taken over where it stands (its threads'
//! places are theirs), so `s` starts the program again, frozen, and `s`
//! again starts it again on its own; the words say so.

use std::sync::Arc;

use super::{Session, Source};
use crate::event::ThreadId;
use crate::i18n::Msg;
use crate::model::Timeline;
use crate::msg;
use crate::stepper::{Refused, Stepper};

impl Session {
    /// The user schedules now.
    pub fn is_scheduling(&self) -> bool {
        self.scheduling
    }

    /// The program stepped by hand, when the user schedules.
    pub fn stepper(&self) -> Option<&Stepper> {
        match &self.source {
            Some(Source::Hand(h)) => Some(h),
            _ => None,
        }
    }

    /// `s`: be the scheduler, or give scheduling back; either way the
    /// program starts again from its beginning. What happened, in words.
    pub fn toggle_schedule(&mut self) -> Msg {
        if self.scheduling {
            self.scheduling = false;
            self.start();
            return msg!("schedule-off");
        }
        if self.program.threads.iter().any(|t| t.process) {
            return msg!("schedule-processes");
        }
        self.scheduling = true;
        self.start();
        msg!("schedule-on")
    }

    /// Start the program frozen at its beginning, stepped by hand (or on
    /// its own, when it has child processes: the scheduler steps one
    /// process's threads).
    pub(super) fn start_hand(&mut self) {
        let run = crate::runtime::next_run_id();
        match Stepper::new(Arc::clone(&self.program), run) {
            Ok(stepper) => {
                self.timeline = Timeline::for_run(run);
                self.source = Some(Source::Hand(Box::new(stepper)));
                self.fold_hand();
            }
            Err(_) => {
                self.scheduling = false;
                self.message = Some(msg!("schedule-processes-left"));
                self.start();
            }
        }
    }

    /// Thread `t` takes its next step.
    pub fn pick(&mut self, t: ThreadId) -> Result<(), Refused> {
        let Some(Source::Hand(h)) = &mut self.source else {
            return Err(Refused::Over);
        };
        h.pick(t)?;
        self.fold_hand();
        Ok(())
    }

    /// The stepper's new events into the timeline (and the log).
    fn fold_hand(&mut self) {
        let events = match &mut self.source {
            Some(Source::Hand(h)) => h.take_events(),
            _ => return,
        };
        for ev in events {
            self.on_event(ev);
        }
    }
}
