#![no_main]
//! Any bytes as lines from the tracer's pipe and FIFO, then the events
//! they make through the model: never a panic; what cannot be read is
//! counted as dropped.

use libfuzzer_sys::fuzz_target;
use threadline::model::Timeline;
use threadline::trace::Decoder;

fuzz_target!(|data: &[u8]| {
    let mut d = Decoder::new(1);
    let mut tl = Timeline::for_run(1);
    for ev in d.start() {
        tl.apply(&ev);
    }
    for (i, line) in data.split(|&b| b == b'\n').enumerate() {
        for ev in d.line_from(i % 2, line) {
            tl.apply(&ev);
        }
    }
    let _ = tl.deadlock();
});
