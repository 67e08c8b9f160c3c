//! Playing a recording: its events are sent at their program times by one
//! feeder thread that waits on the same pausable clock a live run uses
//! (a [`Control`] with the feeder as its only thread), so pause, step and
//! speed work alike.

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Instant;

use crossbeam_channel::Sender;

use crate::event::{Batch, Event, Nanos};
use crate::runtime::{Clock, Control};

/// The feeder's id in its control.
const FEEDER: u32 = 0;

pub struct ReplaySource {
    control: Arc<Control>,
    feeder: Option<JoinHandle<()>>,
    /// When the last event is due.
    last: Nanos,
    pub run: u64,
}

impl ReplaySource {
    /// Play `events`: each batch sent holds the next event and every one
    /// after it already due by then.
    pub fn start(events: &[Event], speed: f64, tx: Sender<Batch>) -> Self {
        let mut events = events.to_vec();
        events.sort_by_key(|e| e.at); // stable: ties keep their recorded order
        let run = events.first().map_or(0, |e| e.run);
        let last = events.last().map_or(0, |e| e.at);
        let clock = Clock::new(speed, Instant::now());
        let control = Control::new(clock, vec![false], vec![false], (1, 1), 0);
        let c = Arc::clone(&control);
        let feeder = std::thread::Builder::new()
            .name("threadline-replay".into())
            .spawn(move || {
                let mut events = events.into_iter().peekable();
                while let Some(ev) = events.next() {
                    if c.wait_until(FEEDER, ev.at, false).is_err() {
                        return;
                    }
                    let now = c.now();
                    let mut batch = vec![ev];
                    while let Some(due) = events.next_if(|e| e.at <= now) {
                        batch.push(due);
                    }
                    if tx.send(Batch::Many(batch)).is_err() {
                        return;
                    }
                }
                c.mark_ended(FEEDER, last);
            })
            .ok();
        ReplaySource {
            control,
            feeder,
            last,
            run,
        }
    }

    /// The clock the feeder waits on: pause, step and speed act on it,
    /// as on a live run's.
    pub fn control(&self) -> &Control {
        &self.control
    }

    /// Play to the end at once (tests).
    pub fn wait(&mut self) {
        self.control.follow_clock(crate::runtime::ClockState {
            now: self.last,
            speed: self.control.speed(),
            paused: true,
            limit: None,
        });
        if let Some(f) = self.feeder.take() {
            let _ = f.join();
        }
    }
}

impl Drop for ReplaySource {
    fn drop(&mut self) {
        self.control.stop();
        if let Some(f) = self.feeder.take() {
            let _ = f.join();
        }
    }
}
