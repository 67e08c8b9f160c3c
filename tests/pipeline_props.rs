//! The pipeline behind the parsers under random input: any event stream
//! (any kind, thread, time up to 2^64, the nastiest names and texts) goes
//! through the model to the dashboard at many sizes, the plain summary, the
//! SVG and the Chrome trace without a panic; no control character reaches
//! the terminal; the SVG parses as XML. The fuzz target `pipeline` runs
//! the same for longer (see fuzz/README.md).

use proptest::prelude::*;
use threadline::i18n::Lang;

mod common;
use common::pipeline;

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_event_stream_reaches_every_view(data in prop::collection::vec(any::<u8>(), 0..600)) {
        let events = pipeline::events(&data);
        pipeline::exercise(events, Lang::En, pipeline::SIZES);
    }
}

#[test]
fn the_nastiest_names_and_times_in_korean_too() {
    // Times at 2^64 - 1, names of every piece, both streams, a ghost.
    let mut data = Vec::new();
    for i in 0..=255u8 {
        data.extend([
            255,
            255,
            255,
            255,
            255,
            255,
            255,
            255,
            255,
            i % 8,
            i,
            4,
            i,
            i.wrapping_mul(7),
            3,
            1,
        ]);
    }
    pipeline::exercise(pipeline::events(&data), Lang::Ko, pipeline::SIZES);
}
