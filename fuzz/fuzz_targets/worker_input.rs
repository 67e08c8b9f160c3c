#![no_main]
//! Any bytes as what a parent sends `threadline __worker`: an error or a
//! program whose every id is in range, which then runs to its end on real
//! threads at full speed without a panic.

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use threadline::runtime::{MAX_SPEED, Run, RunOptions};
use threadline::scenario::Step;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(program) = threadline::runtime::worker::accept_text(text) else { return };
    // Run only what ends in a moment at full speed (1 s of program time).
    let work: u64 = program.threads[0]
        .steps
        .iter()
        .map(|s| match s {
            Step::Sleep(d) | Step::Compute(d) => *d,
            Step::Increment { times, .. } => u64::from(*times) * 1_000,
            _ => 10_000,
        })
        .sum();
    if work > 1_000_000_000 {
        return;
    }
    let (tx, rx) = crossbeam_channel::unbounded();
    let opts = RunOptions { speed: MAX_SPEED, seed: 1, paused: false, cores: 2 };
    if let Ok(run) = Run::start(Arc::new(program), opts, tx) {
        run.wait();
    }
    drop(rx);
});
