//! `threadline compare A B`: two variants side by side, on one clock, in
//! the dashboard or in plain text; their outputs on one card or trace.

use std::io::{self, IsTerminal};
use std::sync::Arc;

use crate::cli::CompareArgs;
use crate::explain::compare::{SIDES, differences};
use crate::export::SideOut;
use crate::failure::{Done, Failure, Outcome, ended};
use crate::i18n::Lang;
use crate::msg;
use crate::runtime::RunOptions;

pub fn compare(args: &CompareArgs, lang: Lang) -> Outcome {
    let sides = args.sides().map_err(Failure::Usage)?;
    let load = |i: usize| {
        sides[i]
            .load()
            .map(Arc::new)
            .map_err(|e| Failure::Usage(msg!("compare-side", side = SIDES[i], what = e.msg())))
    };
    let programs = [load(0)?, load(1)?];
    let outputs = args.out.outputs();
    outputs.check().map_err(Failure::Usage)?;
    if !args.plain && io::stdout().is_terminal() {
        return crate::ui::compare(sides, args.look, outputs, lang);
    }
    let opts = [0, 1].map(|i| RunOptions {
        speed: sides[i].speed,
        seed: sides[i].seed.unwrap_or_default(),
        paused: false,
        cores: sides[i].cores(),
    });
    let done = crate::plain::compare::run(&programs, opts, false).map_err(|e| Failure::io(&e))?;
    let headings = [0, 1].map(|i| crate::setup::heading(i, &programs[i], opts[i].cores, lang));
    let written =
        crate::plain::compare::write(&done, &programs, &headings, lang, &mut io::stdout().lock());
    ended(written.map(|()| Done::Success))?;
    if !outputs.is_empty() {
        let diff = crate::model::diff(&done[0].timeline, &done[1].timeline);
        let said: Vec<String> = differences(&diff).iter().map(|m| m.render(lang)).collect();
        let out = [0, 1].map(|i| SideOut {
            timeline: &done[i].timeline,
            heading: headings[i].render(lang),
        });
        outputs.save_pair(out, &said, lang)?;
    }
    for f in &done {
        f.deadlocked()?;
    }
    Ok(Done::Success)
}
