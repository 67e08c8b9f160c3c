//! `threadline run`: a scenario, in the dashboard or in plain text.

use std::io::{self, IsTerminal};
use std::sync::Arc;

use crate::cli::RunArgs;
use crate::failure::{Done, Failure, Outcome};
use crate::i18n::Lang;
use crate::runtime::RunOptions;

pub fn run(args: &RunArgs, lang: Lang) -> Outcome {
    let settings = args.settings();
    let program = Arc::new(settings.load().map_err(|e| Failure::Usage(e.msg()))?);
    let outputs = args.show.out.outputs();
    outputs.check().map_err(Failure::Usage)?;
    if !args.show.plain && io::stdout().is_terminal() {
        return crate::ui::run(&settings, args.show.look, outputs, lang);
    }
    let opts = RunOptions {
        speed: settings.speed,
        seed: settings.seed.unwrap_or_else(crate::setup::random_seed),
        paused: false,
        cores: settings.cores(),
    };
    let header = settings.header(&program, opts.seed);
    let keep = outputs.needs_events();
    let run = crate::plain::run(program, opts, keep, lang, &mut io::stdout().lock());
    // The modelled process's exit code (1 after an uncaught exception).
    super::plain_outcome(run, &outputs, &header, lang, |done| Done::Exited(done.code))
}
