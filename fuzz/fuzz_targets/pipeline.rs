#![no_main]
//! Any bytes as an event stream through the model into every view (the
//! dashboard at many sizes, plain, SVG, Chrome trace): never a panic, no
//! control character in a cell, the SVG is XML. The same generator as the
//! property test `tests/pipeline_props.rs`.

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../tests/common/pipeline.rs"]
mod pipeline;

fuzz_target!(|data: &[u8]| {
    // The first two bytes: the size to draw at (one size a run: fast
    // enough to fuzz); the first's lowest bit: the language.
    let (w, h) = match data {
        [a, b, ..] => (u16::from(*a) % 200, u16::from(*b) % 60),
        _ => (80, 24),
    };
    let lang = if !w.is_multiple_of(2) {
        threadline::i18n::Lang::Ko
    } else {
        threadline::i18n::Lang::En
    };
    let events = pipeline::events(data.get(2..).unwrap_or(&[]));
    pipeline::exercise(events, lang, &[(w, h)]);
});
