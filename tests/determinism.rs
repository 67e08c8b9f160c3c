//! Same seed, same run, always: many runs of the scenarios where threads
//! race the exit or each other, at high speed, with the machine's cores
//! kept busy by other threads, give the same events every time.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crossbeam_channel::unbounded;
use threadline::runtime::{Run, RunOptions};
use threadline::scenario::{self, Overrides};

use common::canonical;

fn once(name: &str, seed: u64) -> Vec<String> {
    let p = Arc::new(
        scenario::builtin(name, Overrides::default())
            .unwrap()
            .unwrap(),
    );
    let (tx, rx) = unbounded();
    let opts = RunOptions {
        speed: 1000.0,
        seed,
        paused: false,
        cores: 2,
    };
    let run = Run::start(p, opts, tx).expect("the main thread starts");
    run.wait();
    drop(run);
    canonical(rx.try_iter().flatten().collect())
}

#[test]
fn the_same_seed_gives_the_same_events_under_load() {
    // Keep both cores busy meanwhile.
    let stop = Arc::new(AtomicBool::new(false));
    let load: Vec<_> = (0..2)
        .map(|_| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut x = 1u64;
                while !stop.load(Ordering::Relaxed) {
                    x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
                }
            })
        })
        .collect();
    for (name, runs) in [("daemon", 150), ("mixed", 100), ("gil-cpu", 60)] {
        let first = once(name, 7);
        assert!(!first.is_empty());
        for i in 1..runs {
            let again = once(name, 7);
            if again != first {
                let at = first
                    .iter()
                    .zip(&again)
                    .position(|(a, b)| a != b)
                    .unwrap_or(first.len().min(again.len()));
                panic!(
                    "{name}: run {i} differs from the first at event {at}:\n  {:?}\n  {:?}",
                    first.get(at),
                    again.get(at)
                );
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    for t in load {
        t.join().unwrap();
    }
}
