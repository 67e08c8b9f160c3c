//! The tracer's own checks (`tests/python/tracer_check.py`) on every CPython
//! 3.8–3.13 present: the corpus of `tests/python/tracer/` run under the
//! tracer as threadline runs it, each wait checked for its kind, object,
//! holder, site and interval. A version that is missing shows up as an
//! ignored test ("needs CPython 3.N", from build.rs), never a silent pass.

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

macro_rules! cpython {
    ($name:ident, $flag:ident, $version:literal, $var:literal) => {
        #[test]
        #[cfg_attr(not($flag), ignore = concat!("needs CPython ", $version))]
        fn $name() {
            // Set by build.rs whenever cfg(cpython_3_N) is.
            match option_env!($var) {
                Some(python) => check(python),
                None => panic!("build.rs found CPython {} but gave no path", $version),
            }
        }
    };
}

cpython!(
    tracer_on_cpython_3_8,
    cpython_3_8,
    "3.8",
    "THREADLINE_CPYTHON_3_8"
);
cpython!(
    tracer_on_cpython_3_9,
    cpython_3_9,
    "3.9",
    "THREADLINE_CPYTHON_3_9"
);
cpython!(
    tracer_on_cpython_3_10,
    cpython_3_10,
    "3.10",
    "THREADLINE_CPYTHON_3_10"
);
cpython!(
    tracer_on_cpython_3_11,
    cpython_3_11,
    "3.11",
    "THREADLINE_CPYTHON_3_11"
);
cpython!(
    tracer_on_cpython_3_12,
    cpython_3_12,
    "3.12",
    "THREADLINE_CPYTHON_3_12"
);
cpython!(
    tracer_on_cpython_3_13,
    cpython_3_13,
    "3.13",
    "THREADLINE_CPYTHON_3_13"
);
