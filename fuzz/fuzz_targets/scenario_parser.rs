#![no_main]
//! Any text as a scenario file: an error with a place, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = threadline::scenario::compile_str("fuzz", "fuzz.toml", text, Default::default());
    }
});
