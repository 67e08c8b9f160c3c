//! Helpers shared by the integration tests.

// Each test file takes what it needs.
#![allow(dead_code)]

pub mod pipeline;

use std::sync::Arc;

use crossbeam_channel::unbounded;
use threadline::event::Event;
use threadline::model::Timeline;
use threadline::runtime::{Run, RunOptions};
use threadline::scenario::Program;

/// Run `p` to its end at high speed (on 8 cores, whatever the machine
/// has): its events in arrival order, and the model.
pub fn run(p: Program, seed: u64) -> (Vec<Event>, Timeline) {
    run_on(p, seed, 8)
}

/// The same on `cores` CPU cores.
pub fn run_on(p: Program, seed: u64, cores: usize) -> (Vec<Event>, Timeline) {
    let (tx, rx) = unbounded();
    let run = Run::start(
        Arc::new(p),
        RunOptions {
            cores,
            ..options(200.0, seed, false)
        },
        tx,
    )
    .expect("the main thread starts");
    run.wait();
    let events: Vec<Event> = rx.try_iter().flatten().collect();
    let tl = Timeline::from_events(&events);
    assert!(tl.is_complete(), "the run ended");
    (events, tl)
}

/// Run options for tests, on 8 cores whatever the machine has, so that runs
/// without the GIL are the same everywhere.
pub fn options(speed: f64, seed: u64, paused: bool) -> RunOptions {
    RunOptions {
        speed,
        seed,
        paused,
        cores: 8,
    }
}
