//! `threadline replay FILE`: a recording, in plain text or in the dashboard.

use std::io::{self, IsTerminal};

use crate::cli::ReplayArgs;
use crate::export::record;
use crate::failure::{Done, Failure, Outcome, ended};
use crate::i18n::Lang;
use crate::model::Timeline;

pub fn replay(args: &ReplayArgs, lang: Lang) -> Outcome {
    let rec = record::read(&args.file).map_err(|e| Failure::Usage(e.msg()))?;
    if args.plain || !io::stdout().is_terminal() {
        // Every line is written, after the run: all of them are kept.
        let mut tl = Timeline::new();
        tl.output.hold();
        let tl = tl.fed(&rec.events);
        let report = crate::plain::Report {
            words: &rec.header.words,
            gil: rec.header.gil,
            lang,
        };
        return ended(
            crate::plain::write_finished(&tl, &report, &mut io::stdout().lock())
                .map(|()| Done::Success),
        );
    }
    crate::ui::replay(rec, args, lang)
}
