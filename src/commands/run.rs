//! `threadline run`: a scenario, in the dashboard or in plain text.

use std::io::{self, IsTerminal};
use std::sync::Arc;

use crate::cli::RunArgs;
use crate::failure::{Done, Failure, Outcome, ended};
use crate::i18n::Lang;
use crate::runtime::RunOptions;

pub fn run(args: &RunArgs, lang: Lang) -> Outcome {
    let settings = args.settings();
    let program = Arc::new(settings.load().map_err(|e| Failure::Usage(e.msg()))?);
    let outputs = args.out.outputs();
    outputs.check().map_err(Failure::Usage)?;
    if !args.plain && io::stdout().is_terminal() {
        return crate::ui::run(&settings, args.look, outputs, lang);
    }
    let opts = RunOptions {
        speed: settings.speed,
        seed: settings.seed.unwrap_or_else(crate::setup::random_seed),
        paused: false,
        cores: settings.cores(),
    };
    let header = settings.header(&program, opts.seed);
    let keep = outputs.needs_events();
    let done = match crate::plain::run(program, opts, keep, lang, &mut io::stdout().lock()) {
        Ok(done) => done,
        Err(e) => return ended(Err(e)),
    };
    outputs
        .write(&header, &done.events, &done.timeline, lang)
        .map_err(|e| Failure::Runtime(crate::msg!("error-write-output", error = e.to_string())))?;
    if let Some(c) = &done.deadlock {
        return Err(Failure::Deadlock(crate::explain::deadlock(
            &done.timeline,
            c,
        )));
    }
    Ok(Done::Success)
}
