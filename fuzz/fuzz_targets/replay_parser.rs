#![no_main]
//! Any bytes as a recording: an error with a line number, never a panic.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = threadline::export::record::parse("fuzz.jsonl", data);
});
