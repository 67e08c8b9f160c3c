//! How the dashboard's command ends once the user quits.

use super::{Mode, Session, Source};

impl Session {
    /// How the command ends once the user quits: a traced program that
    /// ended by itself gives its own exit code (as `--plain` does); one
    /// still deadlocked is ended, and that is the deadlock's failure
    /// (exit code 3); anything else is a success.
    pub fn quit_outcome(&mut self) -> crate::failure::Outcome {
        use crate::failure::{Done, Failure};
        if self.mode() != Mode::Trace {
            return Ok(Done::Success);
        }
        if self.source.as_ref().is_some_and(Source::program_over) {
            self.drain();
            if let Some((_, code)) = self.timeline.process_exit {
                return Ok(Done::Exited(code));
            }
        }
        match self.timeline.deadlock() {
            Some(c) => Err(Failure::Deadlock(crate::explain::deadlock_ended(&c))),
            None => Ok(Done::Success),
        }
    }
}
