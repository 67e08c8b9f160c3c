//! Where the dashboard's events come from: a scenario run on our threads,
//! or a real Python program being traced. Both are paused, resumed and
//! stopped the same way; only scenarios can single-step and change speed.

use std::thread::JoinHandle;

use crossbeam_channel::Sender;

use super::replay::ReplaySource;
use crate::event::{Batch, Nanos};
use crate::runtime::Run;
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
    pub fn now(&self) -> Nanos {
        match self {
            Source::Scenario(r) => r.now(),
            Source::Trace(t) => t.traced.program_now(),
            Source::Replay(r) => r.now(),
            Source::Hand(h) => h.now(),
        }
    }

    pub fn is_paused(&self) -> bool {
        match self {
            Source::Scenario(r) => r.is_paused(),
            Source::Trace(t) => t.traced.is_paused(),
            Source::Replay(r) => r.is_paused(),
            Source::Hand(_) => true,
        }
    }

    /// Pause or resume the program itself.
    pub fn toggle_pause(&self) {
        match (self, self.is_paused()) {
            (Source::Scenario(r), true) => r.resume(),
            (Source::Scenario(r), false) => r.pause(),
            (Source::Trace(t), true) => t.traced.resume(),
            (Source::Trace(t), false) => t.traced.pause(),
            (Source::Replay(r), true) => r.resume(),
            (Source::Replay(r), false) => r.pause(),
            (Source::Hand(_), _) => {}
        }
    }

    pub fn resume(&self) {
        match self {
            Source::Scenario(r) => r.resume(),
            Source::Trace(t) => t.traced.resume(),
            Source::Replay(r) => r.resume(),
            Source::Hand(_) => {}
        }
    }

    /// Single step; false where the source cannot (a real program).
    pub fn step(&self) -> bool {
        match self {
            Source::Scenario(r) => {
                r.step_next();
                true
            }
            Source::Replay(r) => {
                r.step();
                true
            }
            Source::Trace(_) | Source::Hand(_) => false,
        }
    }

    /// Change speed; false where the source cannot (a real program).
    pub fn set_speed(&self, speed: f64) -> bool {
        match self {
            Source::Scenario(r) => {
                r.set_speed(speed);
                true
            }
            Source::Replay(r) => {
                r.set_speed(speed);
                true
            }
            Source::Trace(_) | Source::Hand(_) => false,
        }
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
