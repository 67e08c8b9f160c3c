//! Where the dashboard's events come from: a scenario run on our threads,
//! or a real Python program being traced. Both are paused, resumed and
//! stopped the same way; only scenarios can single-step and change speed.

use std::thread::JoinHandle;

use crossbeam_channel::Sender;

use super::replay::ReplaySource;
use crate::event::{Batch, Nanos};
use crate::runtime::{Pace, Run};
use crate::trace::Traced;

pub enum Source {
    Scenario(Run),
    Trace(TraceSource),
    Replay(ReplaySource),
    /// A scenario the user schedules: it moves only at their picks.
    Hand(Box<crate::stepper::Stepper>),
}

/// A traced program and the thread that forwards its events.
pub struct TraceSource {
    traced: Traced,
    forward: Option<JoinHandle<()>>,
}

impl TraceSource {
    /// Forward `traced`'s events into the dashboard's channel.
    pub fn new(traced: Traced, tx: Sender<Batch>) -> Self {
        let rx = traced.events.clone();
        let forward = std::thread::Builder::new()
            .name("threadline-trace-forward".into())
            .spawn(move || {
                for batch in rx {
                    if tx.send(batch).is_err() {
                        break;
                    }
                }
            })
            .ok();
        TraceSource { traced, forward }
    }
}

impl Drop for TraceSource {
    fn drop(&mut self) {
        self.traced.stop(); // ends the child's whole process group, joins the reader
        if let Some(f) = self.forward.take() {
            let _ = f.join();
        }
    }
}

impl Source {
    /// The one pausable clock a scenario run and a replay's feeder both
    /// wait on; a traced program and the stepper keep their own time.
    fn clock(&self) -> Option<&Pace> {
        match self {
            Source::Scenario(r) => Some(r.control().pace()),
            Source::Replay(r) => Some(r.control().pace()),
            Source::Trace(_) | Source::Hand(_) => None,
        }
    }

    pub fn now(&self) -> Nanos {
        match (self, self.clock()) {
            (_, Some(c)) => c.now(),
            (Source::Trace(t), _) => t.traced.program_now(),
            (Source::Hand(h), _) => h.now(),
            _ => 0,
        }
    }

    pub fn is_paused(&self) -> bool {
        match (self, self.clock()) {
            (_, Some(c)) => c.is_paused(),
            (Source::Trace(t), _) => t.traced.is_paused(),
            _ => true,
        }
    }

    /// Pause or resume the program itself.
    pub fn toggle_pause(&self) {
        if self.is_paused() {
            self.resume();
            return;
        }
        match (self, self.clock()) {
            (_, Some(c)) => c.pause(),
            (Source::Trace(t), _) => t.traced.pause(),
            _ => {}
        }
    }

    pub fn resume(&self) {
        match (self, self.clock()) {
            (_, Some(c)) => c.resume(),
            (Source::Trace(t), _) => t.traced.resume(),
            _ => {}
        }
    }

    /// Single step (pause, then jump to the next moment something acts;
    /// after the last one, stay); false where the source cannot (a real program).
    pub fn step(&self) -> bool {
        self.clock().map(|c| c.step_next()).is_some()
    }

    /// Change speed; false where the source cannot (a real program).
    pub fn set_speed(&self, speed: f64) -> bool {
        self.clock().map(|c| c.set_speed(speed)).is_some()
    }

    /// Ctrl-C: a traced program gets SIGINT, as it would without us; true
    /// if it was sent.
    pub fn interrupt(&self) -> bool {
        match self {
            Source::Trace(t) if !t.traced.is_over() => {
                t.traced.interrupt();
                true
            }
            _ => false,
        }
    }

    /// A traced program that has exited by itself (everything it sent is in).
    pub fn program_over(&self) -> bool {
        matches!(self, Source::Trace(t) if t.traced.is_over())
    }

    /// Wait for the end (tests).
    pub fn wait(&mut self) {
        match self {
            Source::Scenario(r) => r.wait(),
            Source::Trace(t) => {
                t.traced.wait();
                if let Some(f) = t.forward.take() {
                    let _ = f.join();
                }
            }
            Source::Replay(r) => r.wait(),
            Source::Hand(_) => {}
        }
    }

    /// Lines the trace could not read.
    pub fn dropped(&self) -> u64 {
        match self {
            Source::Scenario(_) | Source::Replay(_) | Source::Hand(_) => 0,
            Source::Trace(t) => t.traced.dropped(),
        }
    }
}
