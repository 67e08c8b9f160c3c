//! Helpers shared by the integration tests.

// Each test file takes what it needs.
#![allow(dead_code)]

pub mod pipeline;

use std::path::PathBuf;
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

/// A scratch folder of this test process, `threadline-TAG-PID` in the
/// temp dir (made if missing; what is in it stays).
pub fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("threadline-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The same, emptied first.
pub fn fresh_scratch(tag: &str) -> PathBuf {
    let _ = std::fs::remove_dir_all(scratch(tag));
    scratch(tag)
}

/// `text` written as `name` in [`scratch`]`(tag)`; its path.
pub fn scratch_file(tag: &str, name: &str, text: &str) -> PathBuf {
    let file = scratch(tag).join(name);
    std::fs::write(&file, text).unwrap();
    file
}

/// Run `command` to its end: its stdout, asserted to have succeeded
/// (else its stderr is the failure).
pub fn stdout_of(command: &mut std::process::Command) -> String {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A buffer's symbols, line by line (styles aside).
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    let a = buf.area;
    (a.top()..a.bottom())
        .map(|y| {
            (a.left()..a.right())
                .map(|x| buf[(x, y)].symbol())
                .collect()
        })
        .collect()
}
