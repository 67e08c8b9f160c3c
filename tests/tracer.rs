//! The tracer's own checks (`tests/python/tracer_check.py`) on every CPython
//! 3.8–3.13 present: the corpus of `tests/python/tracer/` run under the
//! tracer as threadline runs it, each wait checked for its kind, object,
//! holder, site and interval. A version that is missing shows up as an
//! ignored test ("needs CPython 3.N", from build.rs), never a silent pass.

#[macro_use]
mod common;

use std::process::Command;

fn check(python: &str) {
    let harness = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python/tracer_check.py");
    // The checks time real waits; on a busy machine one may be late, so a
    // failed program gets one more run before the test fails.
    let o = Command::new(python)
        .arg(harness)
        .output()
        .expect("python runs");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    if o.status.success() {
        return;
    }
    let failed: Vec<String> = out
        .lines()
        .filter_map(|l| l.strip_prefix("FAIL "))
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    assert!(
        !failed.is_empty(),
        "{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let again = Command::new(python)
        .arg(harness)
        .args(&failed)
        .output()
        .expect("python runs");
    assert!(
        again.status.success(),
        "{python}:\n{out}\nagain:\n{}\n{}",
        String::from_utf8_lossy(&again.stdout),
        String::from_utf8_lossy(&again.stderr)
    );
}

on_every_cpython!(tracer_on, check);
