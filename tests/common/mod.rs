//! Helpers shared by the integration tests.

use std::sync::Arc;

use crossbeam_channel::unbounded;
use threadline::event::Event;
use threadline::model::Timeline;
use threadline::runtime::{Run, RunOptions};
use threadline::scenario::Program;

/// Run `p` to its end at high speed: its events in arrival order, and the model.
pub fn run(p: Program, seed: u64) -> (Vec<Event>, Timeline) {
    let (tx, rx) = unbounded();
    let run = Run::start(
        Arc::new(p),
        RunOptions {
            speed: 200.0,
            seed,
            paused: false,
        },
        tx,
    );
    run.wait();
    let events: Vec<Event> = rx.try_iter().collect();
    let tl = Timeline::from_events(&events);
    assert!(tl.is_complete(), "the run ended");
    (events, tl)
}
